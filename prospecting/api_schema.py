"""The OpenAPI 3.0 description of `/api/leads/`, written by hand and checked
against the serializers and URL patterns by tests/prospecting/test_api_schema.py."""

from django.conf import settings

from .models import Lead

_S = {"type": "string"}
_NS = {"type": "string", "nullable": True}
_DT = {"type": "string", "format": "date-time"}
_MONEY = {"type": "string", "format": "decimal", "example": "12500.00"}

COMPANY_IN = {
    "oneOf": [
        {"type": "string", "description": "company name"},
        {
            "type": "object",
            "description": "at least name or website",
            "properties": dict.fromkeys(
                (
                    "name",
                    "website",
                    "siren",
                    "siret",
                    "sector",
                    "region",
                    "address",
                    "city",
                    "postal_code",
                ),
                _S,
            ),
        },
    ]
}
CONTACT_IN = {
    "type": "object",
    "nullable": True,
    "properties": dict.fromkeys(
        ("first_name", "last_name", "name", "role", "email", "phone"), _S
    ),
}
LEAD = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "url": _S,
        "company": {
            "type": "object",
            "properties": {"id": {"type": "integer"}}
            | dict.fromkeys(
                (
                    "name",
                    "website",
                    "domain",
                    "siren",
                    "siret",
                    "sector",
                    "region",
                    "city",
                    "postal_code",
                ),
                _S,
            ),
        },
        "contact": {
            "type": "object",
            "nullable": True,
            "properties": dict.fromkeys(
                ("first_name", "last_name", "role", "email", "phone"), _S
            ),
        },
        "source": {"type": "string", "enum": list(Lead.Source.values)},
        "source_url": _S,
        "found_by": _NS,
        "owner": _NS,
        "stage": {
            "type": "object",
            "properties": {"key": _S, "label": _S},
        },
        "estimated_value": _MONEY,
        "probability": {"type": "integer", "minimum": 0, "maximum": 100},
        "next_action": _S,
        "next_action_due": {"type": "string", "format": "date", "nullable": True},
        "lost_reason": _S,
        "note": _S,
        "attribution": {"type": "object", "description": "microsite attribution"},
        "created_at": _DT,
        "updated_at": _DT,
        "last_activity_at": _DT,
    },
}
LEAD_CREATE = {
    "type": "object",
    "required": ["company"],
    "properties": {
        "source": {
            "type": "string",
            "enum": list(Lead.Source.values),
            "default": "api",
        },
        "company": COMPANY_IN,
        "contact": CONTACT_IN,
        "source_url": _S,
        "note": _S,
        "attribution": {"type": "object", "nullable": True},
        "on_duplicate": {
            "type": "string",
            "enum": ["return", "attach"],
            "default": "return",
            "description": "return: 409 with the existing lead; attach: add the "
            "note to it (200)",
        },
    },
}
LEAD_UPDATE = {
    "type": "object",
    "properties": {
        "stage": {"type": "string", "description": "stage key, e.g. won"},
        "owner": {"type": "string", "nullable": True, "description": "username"},
        "estimated_value": _MONEY,
        "probability": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100,
            "nullable": True,
        },
        "next_action": _S,
        "next_action_due": {"type": "string", "format": "date", "nullable": True},
        "lost_reason": _S,
        "note": _S,
        "won_amount": _MONEY,
    },
}
ERROR = {"type": "object", "additionalProperties": True}
INTAKE = {
    "type": "object",
    "properties": {
        "created": {"type": "boolean"},
        "warnings": {"type": "array", "items": _S},
        "lead": {"$ref": "#/components/schemas/Lead"},
        "matched_on": {"type": "string", "enum": ["siren", "email", "phone", "domain"]},
        "duplicate_of": {"$ref": "#/components/schemas/Lead"},
    },
}


def _query(name, description, schema=None):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or _S,
    }


FILTERS = [
    _query("q", "text in company, city, contact, e-mail, note"),
    _query("stage", "stage key"),
    _query(
        "source", "source channel", {"type": "string", "enum": list(Lead.Source.values)}
    ),
    _query("region", "company region"),
    _query("owner", "owner user id, or none"),
    _query("mine", "1: only leads I found"),
    _query("stale", "1: only open leads without recent activity"),
]


def _json(schema_ref, description="OK"):
    return {
        "description": description,
        "content": {"application/json": {"schema": schema_ref}},
    }


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


DENIED = {
    "401": _json(_ref("Error"), "not authenticated"),
    "403": _json(_ref("Error"), "not an employee, read-only token, or not allowed"),
}


def openapi_schema() -> dict:
    page = {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "next": _NS,
            "previous": _NS,
            "results": {"type": "array", "items": _ref("Lead")},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Hub war room API",
            "version": "1.0",
            "description": "Leads of the war room. Staff see the leads they found; "
            "Sales and Managers see and change all of them.",
        },
        "servers": [{"url": settings.HUB_BASE_URL}],
        "security": [{"bearerToken": []}, {"session": []}],
        "paths": {
            "/api/leads/": {
                "get": {
                    "operationId": "listLeads",
                    "summary": "List the leads you may see",
                    "parameters": [
                        *FILTERS,
                        _query(
                            "sort",
                            "created, -created, company, value, activity, due "
                            "(a leading - reverses)",
                        ),
                        _query("page", "page number", {"type": "integer"}),
                    ],
                    "responses": {"200": _json(page)} | DENIED,
                },
                "post": {
                    "operationId": "createLead",
                    "summary": "Log a lead (deduplicated)",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("LeadCreate")}},
                    },
                    "responses": {
                        "201": _json(_ref("IntakeResult"), "created"),
                        "200": _json(
                            _ref("IntakeResult"), "attached to the existing lead"
                        ),
                        "400": _json(_ref("Error"), "invalid input, per field"),
                        "409": _json(
                            _ref("IntakeResult"), "duplicate: the existing lead"
                        ),
                    }
                    | DENIED,
                },
            },
            "/api/leads/search/": {
                "get": {
                    "operationId": "searchLeads",
                    "summary": "Full-text search with facets "
                    "(Elasticsearch or database)",
                    "parameters": [
                        _query("q", "search text"),
                        _query("stage", "facet: stage key"),
                        _query("source", "facet: source"),
                        _query("region", "facet: region"),
                        _query("owner", "facet: owner username"),
                    ],
                    "responses": {"200": _json(_ref("SearchResult"))} | DENIED,
                }
            },
            "/api/leads/{id}/": {
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
                "get": {
                    "operationId": "getLead",
                    "summary": "One lead",
                    "responses": {
                        "200": _json(_ref("Lead")),
                        "404": _json(_ref("Error"), "no such lead"),
                    }
                    | DENIED,
                },
                "patch": {
                    "operationId": "updateLead",
                    "summary": "Change a lead (Sales and Managers); "
                    "a move to a won stage records the deal",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("LeadUpdate")}},
                    },
                    "responses": {
                        "200": _json(_ref("Lead")),
                        "400": _json(_ref("Error"), "invalid input, per field"),
                        "404": _json(_ref("Error"), "no such lead"),
                    }
                    | DENIED,
                },
            },
        },
        "components": {
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "personal token from /accounts/ (hub_…)",
                },
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": settings.SESSION_COOKIE_NAME,
                },
            },
            "schemas": {
                "Lead": LEAD,
                "LeadCreate": LEAD_CREATE,
                "LeadUpdate": LEAD_UPDATE,
                "IntakeResult": INTAKE,
                "Error": ERROR,
                "SearchResult": {
                    "type": "object",
                    "properties": {
                        "backend": {
                            "type": "string",
                            "enum": ["database", "elasticsearch"],
                        },
                        "count": {"type": "integer"},
                        "results": {"type": "array", "items": _ref("Lead")},
                        "facets": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "value": _S,
                                        "count": {"type": "integer"},
                                        "selected": {"type": "boolean"},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    }
