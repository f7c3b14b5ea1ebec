"""policykg.api"""
