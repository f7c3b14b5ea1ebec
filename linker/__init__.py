"""policykg.linker"""
