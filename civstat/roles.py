"""The roles a plan gives its people and units, and how they pair: one table for every layer.

Top level, under every layer, and free of pandas (a process reading files imports it).

A unit is named at one of two levels: a division of the bureau (``lead_division`` /
``division``) or a unit of the government (``city_lead`` / ``city_unit``). At each level
a unit leads a task or helps with it.
"""

from __future__ import annotations

#: The assignment roles, in the order a plan's columns usually give them.
ROLES = ("leader", "lead_division", "division", "city_lead", "city_unit")

#: The lead role of each co-unit role, at its level.
LEAD_OF = {"division": "lead_division", "city_unit": "city_lead"}
#: The co-unit role of each lead role, at its level.
UNIT_OF = {lead: unit for unit, lead in LEAD_OF.items()}
#: The roles of units that lead, and of units that help.
LEAD_ROLES = frozenset(UNIT_OF)
CO_ROLES = frozenset(LEAD_OF)

#: A government-level role read in a division's column: the same role at the division's level.
AT_DIVISION_LEVEL = {"city_lead": "lead_division", "city_unit": "division"}
