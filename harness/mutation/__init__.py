"""Mutation analysis of the simulator's rule code against the acceptance
scenarios tagged with each rule (``make mutation``, docs/mutation.md).

- carte.py: which rules a line of the simulator implements (its comments);
- mutants.py: the mutants (cosmic-ray's operators), mapped to rules;
- execution.py: a private copy of the repository, one pytest run per mutant;
- rapport.py: equivalent mutants, score per rule, JSON and HTML reports.
"""
