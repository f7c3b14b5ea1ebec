"""policykg.api.routes"""
