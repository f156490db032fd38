"""Zhidu (制度): the 21 working rules of a township Party committee as software."""
