"""Example values shown in the OpenAPI schema: one realistic rated claim throughout."""

SPEAKER = {
    "id": 7,
    "name": "Maria Lopez",
    "role": "finance minister",
    "affiliation": "",
}
SOURCE = {
    "id": 3,
    "title": "Budget debate: what the minister said",
    "url": "https://news.example.org/2026/budget",
    "publisher": "Example News",
    "published_at": "2026-11-02T08:00:00Z",
}
RATING = {
    "verdict": "mostly_false",
    "label": "Mostly false",
    "rating_value": 2,
    "summary": "The official statistics show a fall of 0.4 points, not 2.",
    "rated_at": "2026-11-03T10:15:00Z",
}
REVISION = {
    "verdict": "mostly_false",
    "rating_value": 2,
    "summary": RATING["summary"],
    "note": "",
    "created_at": "2026-11-03T10:15:00Z",
}
CLAIM = {
    "id": 42,
    "url": "https://factcheck.example.org/api/v1/claims/42/",
    "claimreview_url": "https://factcheck.example.org/api/v1/claims/42/claimreview/",
    "quote": "Unemployment fell by two percent last year.",
    "context": "“Unemployment fell by two percent last year,” the minister said.",
    "kind": "direct",
    "speaker": SPEAKER,
    "speaker_role": "finance minister",
    "speaker_confidence": 0.98,
    "source": SOURCE,
    "start": 120,
    "end": 164,
    "status": "rated",
    "version": 4,
    "dismiss_reason": "",
    "assignee": None,
    "checkworthiness": 0.82,
    "rating": RATING,
    "evidence": [
        {
            "id": 9,
            "url": "https://stats.example.org/labour/2026",
            "excerpt": "The rate fell from 6.1% to 5.7%.",
            "stance": "refutes",
            "document": None,
            "created_at": "2026-11-02T15:00:00Z",
        }
    ],
    "revisions": [REVISION],
    "created_at": "2026-11-02T09:00:00Z",
    "updated_at": "2026-11-03T10:15:00Z",
}
RATING_ITEM = {
    "id": 42,
    "url": CLAIM["url"],
    "claimreview_url": CLAIM["claimreview_url"],
    "withdrawn": False,
    "quote": CLAIM["quote"],
    "speaker": SPEAKER,
    "speaker_role": "finance minister",
    "source": SOURCE,
    "rating": RATING,
    "revisions": [REVISION],
    "version": 4,
    "updated_at": "2026-11-03T10:15:00Z",
}
CLAIM_REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example.org/api/v1/claims/42/",
    "claimReviewed": "Unemployment fell by two percent last year.",
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    },
    "author": {
        "@type": "Organization",
        "name": "factcheck",
        "url": "https://factcheck.example.org",
    },
    "datePublished": "2026-11-03T10:15:00+00:00",
    "itemReviewed": {
        "@type": "Claim",
        "author": {
            "@type": "Person",
            "name": "Maria Lopez",
            "jobTitle": "finance minister",
        },
        "datePublished": "2026-11-02T08:00:00+00:00",
        "appearance": [
            {
                "@type": "CreativeWork",
                "url": SOURCE["url"],
                "headline": SOURCE["title"],
                "publisher": {"@type": "Organization", "name": "Example News"},
            }
        ],
        "firstAppearance": {
            "@type": "CreativeWork",
            "url": SOURCE["url"],
            "headline": SOURCE["title"],
            "publisher": {"@type": "Organization", "name": "Example News"},
        },
    },
}


SPEAKER_RECORD = {
    **SPEAKER,
    "record": {
        "true": 1,
        "mostly_true": 0,
        "half_true": 2,
        "mostly_false": 1,
        "false": 3,
        "unproven": 0,
        "total": 7,
    },
}
