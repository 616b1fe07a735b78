"""Signer identity: `verify` exit codes 0/1/3, the trust list commands, same name with another key,
an organisation CA, the self-signed notice and fingerprint, reviewer vs signer, timestamps."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps import DummyTimeStamper

from tests.memo.conftest import ca_issued_identity, flat, make_identity, pdftotext
from workbench.cli import main as cli_main
from workbench.memo.identity import SigningIdentity, create_local_identity
from workbench.memo.render import render_memo
from workbench.memo.sample import sample_memo
from workbench.memo.sign import sign_memo, write_signed_memo


def _signed(identity: SigningIdentity, path: Path) -> Path:
    return write_signed_memo(render_memo(sample_memo()), identity, path)


def _pem(identity: SigningIdentity, path: Path) -> Path:
    path.write_bytes(identity.cert.public_bytes(serialization.Encoding.PEM))
    return path


def _verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    capsys.readouterr()
    code = cli_main(["verify", str(path), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_exit_codes_trusted_untrusted_and_tampered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    colleague = make_identity("Jane Auditor", "")
    memo = _signed(colleague, tmp_path / "memo.pdf")
    code, report = _verify(memo, capsys)
    assert code == 3 and report["verdict"] == "untrusted" and not report["ok"] and report["signature_ok"]
    capsys.readouterr()
    assert cli_main(["verify", str(memo)]) == 3
    text = capsys.readouterr().out
    assert "SIGNER NOT TRUSTED" in text and "workbench trust add" in text

    assert cli_main(["trust", "add", str(_pem(colleague, tmp_path / "jane.pem"))]) == 0
    assert colleague.fingerprint in capsys.readouterr().out
    code, report = _verify(memo, capsys)
    assert code == 0 and report["ok"] and report["trusted"] and report["verdict"] == "verified"

    data = bytearray(memo.read_bytes())
    data[len(data) // 3] ^= 0x01
    (tmp_path / "bad.pdf").write_bytes(bytes(data))
    code, report = _verify(tmp_path / "bad.pdf", capsys)
    assert code == 1 and not report["ok"] and report["verdict"] == "not verified"


def test_another_key_in_the_same_name_is_not_trusted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jane = make_identity("Jane Auditor", "Acme LLP")
    cli_main(["trust", "add", str(_pem(jane, tmp_path / "jane.pem"))])
    impostor = make_identity("Jane Auditor", "Acme LLP")  # a second store signing as the same name
    code, report = _verify(_signed(impostor, tmp_path / "other.pdf"), capsys)
    assert code == 3 and report["signer"] == "Jane Auditor" and not report["trusted"]
    assert report["certificate_sha256"] == impostor.fingerprint != jane.fingerprint


def test_trust_list_remove_and_export_mine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["trust", "export-mine", str(tmp_path / "me.pem")]) == 2  # no identity yet
    own = create_local_identity("Dana Reviewer", "", "pw")
    assert cli_main(["trust", "export-mine", str(tmp_path / "me.pem")]) == 0
    assert own.fingerprint in capsys.readouterr().out
    assert x509.load_pem_x509_certificate((tmp_path / "me.pem").read_bytes()) == own.cert
    colleague = make_identity("Jane Auditor", "")
    cli_main(["trust", "add", str(_pem(colleague, tmp_path / "jane.pem"))])
    capsys.readouterr()
    assert cli_main(["trust", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["own"], r["self_signed"]) for r in rows] == [
        ("Dana Reviewer", True, True),
        ("Jane Auditor", False, True),
    ]
    assert cli_main(["trust", "remove", colleague.fingerprint[:12]]) == 0
    code, _ = _verify(_signed(colleague, tmp_path / "m.pdf"), capsys)
    assert code == 3
    assert cli_main(["trust", "remove", "zz"]) == 2


def test_an_organisation_ca_is_used_as_is_and_trusting_the_ca_trusts_its_certificates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    identity, ca_pem = ca_issued_identity(tmp_path)
    assert not identity.self_signed
    memo = _signed(identity, tmp_path / "ca.pdf")
    assert "CA-issued certificate" in flat(pdftotext(memo))
    assert _verify(memo, capsys)[0] == 3
    cli_main(["trust", "add", str(ca_pem)])
    code, report = _verify(memo, capsys)
    assert code == 0 and not report["self_signed"]


def test_the_memo_says_self_signed_with_the_full_fingerprint_and_both_roles(tmp_path: Path) -> None:
    identity = make_identity("Jane Auditor", "")
    signed = sign_memo(render_memo(sample_memo()), identity, tmp_path, issue=_issue("Bob Partner"))
    (tmp_path / "m.pdf").write_bytes(signed.data)
    text = flat(pdftotext(tmp_path / "m.pdf")).replace(" ", "")
    assert "Self-signedcertificate" in text
    assert identity.fingerprint in text  # printed in groups of 8; spaces removed here
    assert "PreparedbyBobPartner(reviewer);signedbyJaneAuditor" in text
    assert not signed.timestamped and "no timestamp server" in signed.timestamp_note


def _issue(reviewer: str):
    from workbench.memo.issued import IssueRecord

    return IssueRecord("M-1", 3, "ab" * 32, reviewer)


def test_an_unreachable_timestamp_server_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    identity = make_identity()
    signed = sign_memo(render_memo(sample_memo()), identity, tmp_path, tsa_url="http://127.0.0.1:9/tsa")
    assert not signed.timestamped and "could not be reached" in signed.timestamp_note
    (tmp_path / "m.pdf").write_bytes(signed.data)
    code, report = _verify(tmp_path / "m.pdf", capsys)
    assert code == 3 and not report["timestamped"]
    assert any("no trusted timestamp" in w for w in report["warnings"])


class _TsaHandler(BaseHTTPRequestHandler):
    """A local RFC 3161 timestamp server (pyHanko's test TSA behind HTTP)."""

    stamper: DummyTimeStamper

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        reply = self.stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args: object) -> None:
        return


def _tsa_identity() -> SigningIdentity:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's test TSA is RSA-only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Time Stamping Authority")])
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    return SigningIdentity(key, cert)


def test_a_reachable_timestamp_server_timestamps_the_signature(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tsa = _tsa_identity()
    key_der = tsa.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    _TsaHandler.stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa.cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key_der),
    )
    server = HTTPServer(("127.0.0.1", 0), _TsaHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/tsa"
        signed = sign_memo(render_memo(sample_memo()), make_identity(), tmp_path, tsa_url=url)
    finally:
        server.shutdown()
    assert signed.timestamped and url in signed.timestamp_note
    (tmp_path / "m.pdf").write_bytes(signed.data)
    code, report = _verify(tmp_path / "m.pdf", capsys)
    assert code == 3 and report["timestamped"] and report["signature_ok"]
    assert report["timestamp_authority"] == "Test Time Stamping Authority" and report["timestamp"]
