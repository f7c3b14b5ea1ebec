"""policykg.views"""
