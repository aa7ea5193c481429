"""The KB keys the code names directly (a button for one aspect, the maths area, the cloud tools).

Code imports these constants instead of writing the strings, and the schema checks at load time that each one
still exists in careers.yml, so renaming a key there fails `make validate` with its name, not a conversation
with a StopIteration. Keys reached through the vocabulary or the data need no entry here.
"""

from __future__ import annotations

from typing import Dict, Tuple

# core_skills.areas
MATHEMATICS = "mathematics"
CLOUD_PLATFORMS = "cloud_platforms"
# skill_matrix / skill_summary
CLOUD_DEPLOYMENT = "cloud_deployment"
CLOUD_SERVICES = "cloud_services"
# tools.categories
DEVELOPMENT_TOOLS = "development"
CLOUD_AI_PLATFORMS = "cloud_ai_platforms"
# responsibilities (the aspects offered as follow-up buttons)
DATA_HANDLING = "data_handling"
DEPLOYMENT = "deployment"
MONITORING = "monitoring"
# coverage.missing: the factors that move pay are not ranked ('which of those pays the most?' after them)
FACTOR_RANKING = "factor_ranking"
PRIMARY_FOCUS = "primary_focus"  # a role's primary focus also gives its day-to-day work (its words: vocabulary)

USED_BY_CODE: Dict[str, Tuple[str, ...]] = {
    "core_skills.areas": (MATHEMATICS, CLOUD_PLATFORMS),
    "skill_matrix/skill_summary": (CLOUD_DEPLOYMENT, CLOUD_SERVICES),
    "tools.categories": (DEVELOPMENT_TOOLS, CLOUD_AI_PLATFORMS),
    "responsibilities": (DATA_HANDLING, DEPLOYMENT, MONITORING),
    "coverage.missing": (FACTOR_RANKING,),
}
