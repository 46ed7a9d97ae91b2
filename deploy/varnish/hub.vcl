# Varnish in front of the hub's web workers (docs/deploy.md).
#
# Keeps only what the hub marks shareable (Cache-Control: public — anonymous
# microsite pages), passes everything else (the intranet, forms, staff with a
# session cookie, POSTs). Wagtail purges a published page with PURGE <url>;
# `X-Purge-Scope: host` bans every page of one site (menu or branding changed),
# `X-Purge-Scope: all` every page (a product fact shown on all sites). Purges
# only from the web workers' addresses (acl purgers).
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from here"));
        }
        if (req.http.X-Purge-Scope == "host") {
            ban("obj.http.X-Cache-Host == " + std.tolower(regsub(req.http.host, ":[0-9]+$", "")));
            return (synth(200, "Host banned"));
        }
        if (req.http.X-Purge-Scope == "all") {
            ban("obj.status != 0");
            return (synth(200, "All banned"));
        }
        return (purge);
    }
    # Varnish's built-in rules follow: only GET/HEAD, and never a request
    # carrying a cookie or an Authorization header (staff, the war room).
}

sub vcl_hash {
    # One copy whatever the port the visitor used (Wagtail purges without it).
    hash_data(req.url);
    hash_data(std.tolower(regsub(req.http.host, ":[0-9]+$", "")));
    return (lookup);
}

sub vcl_backend_response {
    # Bans test this header (the ban lurker can then clean up in the background).
    set beresp.http.X-Cache-Host = std.tolower(regsub(bereq.http.host, ":[0-9]+$", ""));
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.X-Cache-Host;
}
