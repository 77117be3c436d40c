"""The five samples, with the site's topics (pelicanconf.py): labelled to check the samples' promises, never to tune."""

BRIEFING_TOPICS = [
    {
        "name": "Ceasefire talks",
        "description": "Negotiations, proposals and diplomacy towards a ceasefire.",
        "terms": ["ceasefire", "truce", "armistice", "peace talks", "peace plan", "negotiation",
                  "negotiate", "cessation of hostilities", "envoy", "delegation", "peacekeeping"],
    },
    {
        "name": "Kursk front",
        "description": "Fighting, captures and troop movements in and around the Kursk region.",
        "terms": ["Kursk", "frontline", "front line", "offensive", "encircle", "encirclement",
                  "recapture", "surrender", "prisoner", "troop withdrawal", "retreat", "soldiers captured"],
    },
    {
        "name": "Sanctions",
        "description": "Economic sanctions and pressure, and talk of easing them.",
        "terms": ["sanction", "embargo", "economic pressure", "banking sector", "export control"],
    },
]
BRIEFING_PERIOD_DAYS = 3
