"""policykg.analytics"""
