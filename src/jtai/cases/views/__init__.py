"""The pages of children's cases, split by the three parts of weeks 1 and 2: the area's
lists, the inspectors' choice of children, and the audits."""
