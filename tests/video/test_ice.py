import base64
import hashlib
import hmac

import pytest

from video.ice import ice_servers, turn_credentials


def test_turn_credentials_follow_the_turn_rest_api_scheme():
    creds = turn_credentials(user_key="u7", secret="s3cret", ttl=600, now=1_700_000_000)
    assert creds["username"] == "1700000600:u7"
    expected = hmac.new(b"s3cret", b"1700000600:u7", hashlib.sha1).digest()
    assert creds["credential"] == base64.b64encode(expected).decode()


def test_credentials_change_with_expiry_and_secret():
    one = turn_credentials(user_key="u7", secret="a", ttl=600, now=1000)
    later = turn_credentials(user_key="u7", secret="a", ttl=600, now=2000)
    other = turn_credentials(user_key="u7", secret="b", ttl=600, now=1000)
    assert one["credential"] != later["credential"] != other["credential"]
    assert int(later["username"].split(":")[0]) == 2600


def test_ice_servers_from_settings(settings):
    settings.STUN_URLS = ["stun:turn.example.com:3478"]
    settings.TURN_URLS = ["turn:turn.example.com:3478?transport=udp"]
    settings.TURN_SECRET = "shared"
    settings.TURN_CREDENTIAL_TTL = 300
    data = ice_servers(user_key="u1", now=100)
    assert data["ttl"] == 300
    stun, turn = data["iceServers"]
    assert stun == {"urls": ["stun:turn.example.com:3478"]}
    assert turn["urls"] == ["turn:turn.example.com:3478?transport=udp"]
    assert turn["username"] == "400:u1"


@pytest.mark.parametrize("secret", ["", None])
def test_no_turn_without_a_secret(settings, secret):
    settings.STUN_URLS = []
    settings.TURN_URLS = ["turn:turn.example.com"]
    settings.TURN_SECRET = secret
    assert ice_servers(user_key="u1")["iceServers"] == []
