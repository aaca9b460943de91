"""The model jobs: a briefing, the experts' positions, an answer to a follow-up question.

Each job is plan → requests → check → assemble: code chooses what the model sees, the model writes, every
sentence it wrote is checked against the source (bot.checks), and what fails is replaced by the source's own
words.
"""
