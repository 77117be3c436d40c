"""The 2025 US tariffs and the trade war they started, as an analyst following it would set it up."""

BRIEFING_SCOPE = {
    "description": "The United States' 2025 tariffs on its trading partners, above all China, and the "
                   "trade war that followed: tariff rates, retaliation, negotiations and what markets did.",
    "examples": [
        "The White House raised tariffs on Chinese imports to 145%.",
        "Beijing said it would impose a 125% levy on American goods.",
    ],
    "exclude": ["electricity tariff", "energy tariff", "price cap", "Ofgem", "feed-in tariff"],
}
BRIEFING_TOPICS = [
    {
        "name": "US tariffs",
        "description": "Tariffs the United States announces, raises, pauses or exempts, and the orders behind them.",
        "terms": ["tariff", "levy", "duties", "reciprocal", "exemption", "pause", "executive order"],
        "examples": ["Trump announced a 90-day pause on the higher reciprocal tariffs for most countries."],
    },
    {
        "name": "Retaliation and talks",
        "description": "Countermeasures by China and other partners, and negotiations to end the dispute.",
        "terms": ["retaliate", "retaliation", "countermeasure", "negotiation", "talks", "trade deal",
                  "export control", "rare earth", "WTO"],
        "examples": ["China's commerce ministry said it would fight to the end."],
    },
    {
        "name": "Markets",
        "description": "Stock, bond and currency markets, prices and companies reacting to the trade war.",
        "terms": ["stock", "shares", "market", "Dow", "S&P 500", "Nasdaq", "bond", "yield", "recession",
                  "investors"],
        "examples": ["The S&P 500 fell 6% on Friday, its worst day since 2020."],
    },
]
BRIEFING_PERIOD_DAYS = 3
