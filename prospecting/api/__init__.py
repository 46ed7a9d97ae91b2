"""The war room's JSON API under `/api/` (mounted from prospecting.hub_registrations).

- `views`: the endpoints; `serializers` and `fields`: what they take and answer;
- `errors`: the one error shape (`Error`) and the handler that produces it;
- `schema`: `/api/schema/`, the OpenAPI document generated from all of the above.
"""
