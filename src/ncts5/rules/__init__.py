"""The DDNTA Appendix Q2 rule engine for IE015 and IE170.

See :mod:`ncts5.rules.registry` for how rules are declared and
:mod:`ncts5.rules.engine` for how they run.
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
