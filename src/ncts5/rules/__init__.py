"""The DDNTA Appendix Q2 rule engine for IE015 and IE170.

Every rule is one declaration (:mod:`ncts5.rules.declaration`) in the module of the data group
it checks; :mod:`ncts5.rules.registry` collects them and :mod:`ncts5.rules.engine` runs them.
"""

from ncts5.rules.engine import Options, OptionsError, resolve_options
from ncts5.rules.profiles import Profile, ProfileError, available_profiles, load_profile
from ncts5.rules.registry import Rule, get, iter_rules, registry

__all__ = [
    "Options",
    "OptionsError",
    "Profile",
    "ProfileError",
    "Rule",
    "available_profiles",
    "get",
    "iter_rules",
    "load_profile",
    "registry",
    "resolve_options",
]
