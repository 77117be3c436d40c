"""Canada's 2025 federal election campaign, as an analyst following it would set it up."""

BRIEFING_SCOPE = {
    "description": "The campaign for Canada's federal election of 28 April 2025: the parties, their "
                   "leaders, the polls, the debates and what each party promises.",
    "examples": [
        "Liberal Leader Mark Carney promised to build 500,000 homes a year.",
        "Conservative Leader Pierre Poilievre attacked Carney during the debate.",
    ],
    "exclude": ["Australia", "Albanese", "Dutton", "Labor", "Bundestag", "Merz"],
}
BRIEFING_TOPICS = [
    {
        "name": "Polls and the race",
        "description": "Opinion polls, seat projections, who leads and where the race is being fought.",
        "terms": ["poll", "polling", "survey", "lead", "seat projection", "battleground", "undecided voters",
                  "advance polls"],
        "examples": ["The Liberals lead the Conservatives by six points, a new poll found."],
    },
    {
        "name": "Leaders' debates",
        "description": "The televised leaders' debates: who said what, the clashes, the verdicts.",
        "terms": ["debate", "moderator", "rebuttal", "face-off"],
        "examples": ["Poilievre told Carney on stage that he was just like Justin Trudeau."],
    },
    {
        "name": "Promises and platforms",
        "description": "What the parties promise: platforms, costings, tax cuts, housing, defence, spending.",
        "terms": ["promise", "pledge", "platform", "tax cut", "costed", "deficit", "housing", "spending"],
        "examples": ["The Conservatives pledged to cut the income tax rate on the lowest bracket."],
    },
]
BRIEFING_PERIOD_DAYS = 3
