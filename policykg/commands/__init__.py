"""Command groups of the ``policykg`` CLI, registered in ``policykg.cli``."""
