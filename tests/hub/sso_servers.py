"""Real servers for the sign-in tests: Debian's slapd with a throwaway directory,
and a minimal OpenID Connect provider (discovery, authorize, token, userinfo,
JWKS) on http.server. Both listen on 127.0.0.1 on a free port and stop with the
`with` block that started them."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import secrets
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

SUFFIX = "dc=grillages,dc=test"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "root-secret"
SERVICE_DN = f"cn=hub,ou=services,{SUFFIX}"
SERVICE_PASSWORD = "service-secret"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
POSIX_GROUPS = f"ou=posix,{SUFFIX}"
SCHEMAS = ("core", "cosine", "inetorgperson", "nis")
SBIN = Path("/usr/sbin")  # Debian puts slapd there, outside a user's PATH

# uid → (given name, surname, password)
DIRECTORY_USERS = {
    "jdupont": ("Jeanne", "Dupont", "jeanne-pass"),
    "mmartin": ("Marc", "Martin", "marc-pass"),
    "pleroy": ("Paul", "Leroy", "paul-pass"),
}
# cn → members (uids) of groupOfNames groups under GROUPS
DIRECTORY_GROUPS = {
    "ventes": ("jdupont",),
    "redaction": ("mmartin",),
    "direction": ("mmartin",),
    "hub-users": ("jdupont", "mmartin"),
}
# cn → memberUid values of posixGroup groups under POSIX_GROUPS
POSIX_GROUP_MEMBERS = {"atelier": ("pleroy",)}
# groupOfNames needs a member: this one keeps a group valid when a test takes its
# only real member out (a common directory idiom; the entry need not exist).
PLACEHOLDER_MEMBER = f"cn=nobody,{SUFFIX}"

SLAPD_CONF = """\
{includes}
pidfile {root}/slapd.pid
argsfile {root}/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {root}/data
access to attrs=userPassword by anonymous auth by * none
access to * by users read by * none
"""


def user_dn(uid: str) -> str:
    return f"uid={uid},{PEOPLE}"


def group_dn(cn: str) -> str:
    return f"cn={cn},{GROUPS}"


def _entries() -> list[list[tuple[str, str]]]:
    entries = [
        [
            ("dn", SUFFIX),
            ("objectClass", "dcObject"),
            ("objectClass", "organization"),
            ("o", "Grillages de test"),
            ("dc", "grillages"),
        ]
    ]
    for ou in ("people", "groups", "posix", "services"):
        entries.append(
            [
                ("dn", f"ou={ou},{SUFFIX}"),
                ("objectClass", "organizationalUnit"),
                ("ou", ou),
            ]
        )
    entries.append(
        [
            ("dn", SERVICE_DN),
            ("objectClass", "applicationProcess"),
            ("objectClass", "simpleSecurityObject"),
            ("cn", "hub"),
            ("userPassword", SERVICE_PASSWORD),
        ]
    )
    for uid, (given, surname, password) in DIRECTORY_USERS.items():
        entries.append(
            [
                ("dn", user_dn(uid)),
                ("objectClass", "inetOrgPerson"),
                ("uid", uid),
                ("cn", f"{given} {surname}"),
                ("givenName", given),
                ("sn", surname),
                ("mail", f"{uid}@grillages.test"),
                ("userPassword", password),
            ]
        )
    for cn, members in DIRECTORY_GROUPS.items():
        entries.append(
            [("dn", group_dn(cn)), ("objectClass", "groupOfNames"), ("cn", cn)]
            + [("member", PLACEHOLDER_MEMBER)]
            + [("member", user_dn(uid)) for uid in members]
        )
    for number, (cn, uids) in enumerate(POSIX_GROUP_MEMBERS.items(), start=5000):
        entries.append(
            [
                ("dn", f"cn={cn},{POSIX_GROUPS}"),
                ("objectClass", "posixGroup"),
                ("cn", cn),
                ("gidNumber", str(number)),
            ]
            + [("memberUid", uid) for uid in uids]
        )
    return entries


def directory_ldif() -> str:
    return "\n".join(
        "".join(f"{name}: {value}\n" for name, value in entry) for entry in _entries()
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"slapd exited with {process.returncode}")
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.2),
        ):
            return
        time.sleep(0.05)  # polling a port, not waiting for an effect
    raise RuntimeError(f"slapd did not listen on {port} within {timeout}s")


@dataclass
class Directory:
    uri: str

    def connect_as_root(self):
        import ldap

        connection = ldap.initialize(self.uri)
        connection.simple_bind_s(ROOT_DN, ROOT_PASSWORD)
        return connection

    @contextlib.contextmanager
    def without_member(self, cn: str, uid: str):
        """The directory with `uid` taken out of group `cn`, put back afterwards."""
        import ldap

        connection = self.connect_as_root()
        member = [user_dn(uid).encode()]
        connection.modify_s(group_dn(cn), [(ldap.MOD_DELETE, "member", member)])
        try:
            yield
        finally:
            connection.modify_s(group_dn(cn), [(ldap.MOD_ADD, "member", member)])
            connection.unbind_s()


@contextlib.contextmanager
def running_slapd(root: Path):
    """slapd on a free port over a fresh mdb database loaded with slapadd."""
    if not (SBIN / "slapd").exists() or not (SBIN / "slapadd").exists():
        raise RuntimeError("slapd missing: `make test` installs slapd and ldap-utils")
    (root / "data").mkdir()
    includes = "\n".join(f"include /etc/ldap/schema/{s}.schema" for s in SCHEMAS)
    conf = root / "slapd.conf"
    conf.write_text(
        SLAPD_CONF.format(
            includes=includes,
            root=root,
            suffix=SUFFIX,
            root_dn=ROOT_DN,
            root_password=ROOT_PASSWORD,
        )
    )
    (root / "directory.ldif").write_text(directory_ldif())
    subprocess.run(
        [SBIN / "slapadd", "-f", conf, "-l", root / "directory.ldif"],
        check=True,
        capture_output=True,
    )
    port = free_port()
    uri = f"ldap://127.0.0.1:{port}"
    # -d keeps slapd in the foreground, so it is this process's child to stop.
    process = subprocess.Popen(
        [SBIN / "slapd", "-f", conf, "-h", f"{uri}/", "-d", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process)
        yield Directory(uri=uri)
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- OpenID Connect provider ---------------------------------------------------


@dataclass
class Provider:
    """What the provider does; tests change it between sign-ins."""

    client_id: str
    client_secret: str
    algorithm: str = "RS256"
    # Claims of the person who "logs in" at the provider next.
    claims: dict = field(default_factory=dict)
    # Put in the ID token instead of the right values, to test refusals.
    forced_nonce: str | None = None
    forced_audience: str | None = None
    issued_codes: dict = field(default_factory=dict)
    base_url: str = ""
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(
            public_exponent=65537, key_size=2048
        )
    )

    @property
    def discovery_url(self) -> str:
        return f"{self.base_url}/.well-known/openid-configuration"

    def metadata(self) -> dict:
        return {
            "issuer": self.base_url,
            "authorization_endpoint": f"{self.base_url}/authorize",
            "token_endpoint": f"{self.base_url}/token",
            "userinfo_endpoint": f"{self.base_url}/userinfo",
            "jwks_uri": f"{self.base_url}/jwks",
        }

    def jwks(self) -> dict:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": "test-key", "alg": "RS256", "use": "sig"}]}

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        payload = {
            "iss": self.base_url,
            "aud": self.forced_audience or self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": self.forced_nonce or grant["nonce"],
            **grant["claims"],
        }
        if self.algorithm == "HS256":
            return jwt.encode(payload, self.client_secret, algorithm="HS256")
        return jwt.encode(
            payload, self.key, algorithm="RS256", headers={"kid": "test-key"}
        )


def _pkce_matches(grant: dict, verifier: str) -> bool:
    digest = hashlib.sha256(verifier.encode()).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return secrets.compare_digest(challenge, grant["code_challenge"])


class _ProviderHandler(BaseHTTPRequestHandler):
    provider: Provider  # set on the subclass made per server

    def log_message(self, *args):  # keep test output clean
        pass

    def _json(self, body: dict, status: int = 200) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            return self._json(self.provider.metadata())
        if url.path == "/jwks":
            return self._json(self.provider.jwks())
        if url.path == "/authorize":
            return self._authorize(query)
        if url.path == "/userinfo":
            return self._userinfo()
        return self._json({"error": "not_found"}, 404)

    def _authorize(self, query: dict) -> None:
        if query.get("client_id") != self.provider.client_id:
            return self._json({"error": "unauthorized_client"}, 400)
        code = secrets.token_urlsafe(16)
        self.provider.issued_codes[code] = {
            "claims": dict(self.provider.claims),
            "nonce": query.get("nonce"),
            "redirect_uri": query["redirect_uri"],
            "code_challenge": query.get("code_challenge", ""),
        }
        location = (
            query["redirect_uri"]
            + "?"
            + urlencode({"code": code, "state": query["state"]})
        )
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()

    def do_POST(self):
        if urlsplit(self.path).path != "/token":
            return self._json({"error": "not_found"}, 404)
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        grant = self.provider.issued_codes.pop(form.get("code", ""), None)
        if (
            grant is None
            or form.get("client_secret") != self.provider.client_secret
            or form.get("redirect_uri") != grant["redirect_uri"]
            or not _pkce_matches(grant, form.get("code_verifier", ""))
        ):
            return self._json({"error": "invalid_grant"}, 400)
        access_token = secrets.token_urlsafe(16)
        self.provider.issued_codes[f"access:{access_token}"] = grant
        return self._json(
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "id_token": self.provider.id_token(grant),
            }
        )

    def _userinfo(self) -> None:
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        grant = self.provider.issued_codes.get(f"access:{token}")
        if grant is None:
            return self._json({"error": "invalid_token"}, 401)
        return self._json(grant["claims"])


@contextlib.contextmanager
def running_provider(provider: Provider):
    handler = type("Handler", (_ProviderHandler,), {"provider": provider})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    provider.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def use_sso_settings(settings, env: dict) -> dict:
    """Apply hub.settings.sso's answer for `env` through pytest-django's
    `settings` fixture (undone after the test); returns it."""
    from hub.settings.sso import sso_settings

    values = sso_settings(env)
    for name, value in values.items():
        setattr(settings, name, value)
    return values
