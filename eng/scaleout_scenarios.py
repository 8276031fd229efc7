#!/usr/bin/env python3
"""The scenarios of a fleet behind a proxy (docs/scale-out.md), run by eng/scaleout.sh against three samples/Everything
instances behind haproxy with plain round robin. Each scenario sends requests of one 2025-11-25 session to chosen
instances (directly, or through the proxy) and checks what a client sees. Every wait is bounded by a socket timeout or
a deadline; nothing sleeps to let time pass except the bounded polls of /health.

Usage: scaleout_scenarios.py PROXY_URL FLEET_FILE
  FLEET_FILE: one line per instance: "name port pidfile"; the instance's pid is in pidfile. A restarted instance is
  started again with the command in $SCALEOUT_INSTANCE_COMMAND (the same environment, McpForge__Redis__InstanceUrl
  and --urls naming its port) and its new pid written to pidfile, so eng/scaleout.sh stops it by pid.
Last line: "scenarios: N passed, N failed".
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

TIMEOUT = 15  # seconds any single read may wait

proxy = sys.argv[1].rstrip("/")
fleet = []
with open(sys.argv[2]) as f:
    for line in f:
        name, port, pidfile = line.split()
        fleet.append({"name": name, "port": int(port), "pidfile": pidfile})


def url_of(member):
    return f"http://127.0.0.1:{member['port']}"


def pid_of(member):
    with open(member["pidfile"]) as f:
        return int(f.read().strip())


class Response:
    def __init__(self, conn, resp):
        self.conn, self.resp = conn, resp
        self.status = resp.status
        self.headers = {k.lower(): v for k, v in resp.getheaders()}

    def events(self):
        """Yields (id, data) for each SSE event until the stream ends."""
        ev_id, data = None, []
        while True:
            line = self.resp.readline()
            if not line:
                return
            line = line.decode().rstrip("\r\n")
            if line == "":
                if data or ev_id is not None:
                    yield ev_id, "\n".join(data)
                ev_id, data = None, []
                continue
            if line.startswith(":"):
                continue
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "id":
                ev_id = value
            elif field == "data":
                data.append(value)

    def messages(self):
        """Every JSON-RPC message of the body (JSON or SSE)."""
        if self.headers.get("content-type", "").startswith("text/event-stream"):
            return [json.loads(d) for _, d in self.events() if d]
        body = self.resp.read()
        return [json.loads(body)] if body else []

    def close(self):
        self.conn.close()


def send(base, method, body=None, session=None, headers=None):
    u = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=TIMEOUT)
    h = {"Accept": "application/json, text/event-stream"}
    if body is not None:
        h["Content-Type"] = "application/json"
    if session:
        h["Mcp-Session-Id"] = session
        h["MCP-Protocol-Version"] = "2025-11-25"
    h.update(headers or {})
    conn.request(method, "/mcp", body=json.dumps(body, separators=(",", ":")) if body is not None else None, headers=h)
    return Response(conn, conn.getresponse())


def post_all(base, body, session=None):
    r = send(base, "POST", body, session)
    try:
        return r.status, r.headers, r.messages()
    finally:
        r.close()


def initialize(base, capabilities=None):
    status, headers, msgs = post_all(base, {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": capabilities or {}, "clientInfo": {"name": "scaleout", "version": "1"}}})
    assert status == 200, f"initialize: {status} {msgs}"
    session = headers["mcp-session-id"]
    status, _, _ = post_all(base, {"jsonrpc": "2.0", "method": "notifications/initialized"}, session)
    assert status == 202, f"notifications/initialized: {status}"
    return session


def call(base, session, tool, arguments=None, id=1):
    status, headers, msgs = post_all(base, {"jsonrpc": "2.0", "id": id, "method": "tools/call",
                                            "params": {"name": tool, "arguments": arguments or {}}}, session)
    assert status == 200, f"tools/call {tool}: {status} {msgs}"
    result = [m for m in msgs if m.get("id") == id][-1]
    assert "result" in result, f"tools/call {tool}: {result}"
    return result["result"]["content"][0]["text"], headers.get("x-served-by")


def next_message(r):
    for _, data in r.events():
        if data:
            return json.loads(data)
    raise AssertionError("the stream ended")


def wait_healthy(member, deadline=20):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", member["port"], timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"instance {member['name']} not healthy within {deadline} s")


def start(member):
    env = dict(os.environ)
    env["McpForge__Redis__InstanceUrl"] = url_of(member)
    log = open(member["pidfile"] + ".log", "ab")
    p = subprocess.Popen([os.environ["SCALEOUT_INSTANCE_COMMAND"], "--urls", url_of(member)], env=env,
                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    with open(member["pidfile"], "w") as f:
        f.write(str(p.pid))
    wait_healthy(member)
    return p


def wait_gone(pid, deadline=20):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        # A child of this script (a restarted instance) stays a zombie until reaped.
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"pid {pid} still running after {deadline} s")


# --- scenarios ---------------------------------------------------------------------------------------------------

def s1_not_sticky():
    """Nine calls of one session through the proxy land on all three instances; all succeed on the session's owner."""
    session = initialize(proxy)
    served, answers = set(), set()
    for i in range(9):
        text, by = call(proxy, session, "fleet_whoami", id=i + 1)
        served.add(by)
        answers.add(text)
    assert len(served) == 3, f"the proxy sent the calls to {served} only"
    assert len(answers) == 1, f"the calls ran on {answers}"


def s2_answer_elsewhere():
    """An elicitation answer posted to another instance reaches the call waiting on the owner."""
    a, b, c = (url_of(m) for m in fleet)
    session = initialize(a, {"elicitation": {"form": {}}})
    r = send(b, "POST", {"jsonrpc": "2.0", "id": 7, "method": "tools/call",
                         "params": {"name": "test_elicitation", "arguments": {"message": "who?"}}}, session)
    try:
        ask = next_message(r)
        assert ask.get("method") == "elicitation/create", ask
        status, _, _ = post_all(c, {"jsonrpc": "2.0", "id": ask["id"], "result": {
            "action": "accept", "content": {"username": "ada", "email": "ada@example.com"}}}, session)
        assert status == 202, f"the answer: {status}"
        result = next_message(r)
        text = result["result"]["content"][0]["text"]
        assert text == 'User response: action=accept, content={"username":"ada","email":"ada@example.com"}', text
    finally:
        r.close()


def s3_resume_elsewhere():
    """A stream closed by the server is resumed with Last-Event-ID at another instance and ends with the result."""
    a, b, c = (url_of(m) for m in fleet)
    session = initialize(a)
    r = send(b, "POST", {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
                         "params": {"name": "test_reconnection", "arguments": {}}}, session)
    last = [i for i, _ in r.events() if i][-1]
    r.close()
    g = send(c, "GET", None, session, {"Last-Event-ID": last, "Accept": "text/event-stream"})
    try:
        assert g.status == 200, f"resume: {g.status}"
        result = next_message(g)
        assert result["result"]["content"][0]["text"] == "Reconnection test completed successfully after the stream was closed", result
    finally:
        g.close()


def s4_fan_out_once():
    """A resource update started on another instance reaches the subscribed session once, on its GET stream."""
    a, b, c = (url_of(m) for m in fleet)
    watcher = initialize(a)
    for base, uri, id in ((b, "test://watched-resource", 1), (c, "test://static-text", 2)):
        status, _, msgs = post_all(base, {"jsonrpc": "2.0", "id": id, "method": "resources/subscribe", "params": {"uri": uri}}, watcher)
        assert status == 200 and msgs == [{"jsonrpc": "2.0", "id": id, "result": {}}], (status, msgs)
    g = send(b, "GET", None, watcher, {"Accept": "text/event-stream"})
    try:
        assert g.status == 200, f"GET stream: {g.status}"
        toucher = initialize(c)
        # watched, then static-text: a duplicate of the first would come before the second.
        call(c, toucher, "fleet_touch", {"uri": "test://watched-resource"})
        call(c, toucher, "fleet_touch", {"uri": "test://static-text"}, id=2)
        got = [next_message(g), next_message(g)]
        want = [{"jsonrpc": "2.0", "method": "notifications/resources/updated", "params": {"uri": u}}
                for u in ("test://watched-resource", "test://static-text")]
        assert got == want, got
    finally:
        g.close()


def s5_owner_killed():
    """The owner is killed (kill -9) mid-call: the client's resume gets an error, not a hang; the session goes on."""
    session = initialize(proxy)
    owner_text, _ = call(proxy, session, "fleet_whoami")
    owner = next(m for m in fleet if f"pid {pid_of(m)}" == owner_text)
    r = send(proxy, "POST", {"jsonrpc": "2.0", "id": 11, "method": "tools/call",
                             "params": {"name": "fleet_wait", "arguments": {"tenths": 100}, "_meta": {"progressToken": "k"}}}, session)
    last = None
    for i, data in r.events():
        if i:
            last = i
        if data and json.loads(data).get("method") == "notifications/progress":
            break
    assert last, "no event id before the kill"
    os.kill(pid_of(owner), signal.SIGKILL)
    wait_gone(pid_of(owner))
    started = time.monotonic()
    try:
        for _ in r.events():  # the stream ends (or breaks) once its owner is gone
            pass
    except (OSError, http.client.HTTPException):
        pass
    r.close()
    g = send(proxy, "GET", None, session, {"Last-Event-ID": last, "Accept": "text/event-stream"})
    try:
        assert g.status == 200, f"resume after the kill: {g.status}"
        lost = next_message(g)
        assert lost.get("id") == 11 and lost["error"]["code"] == -32603, lost
    finally:
        g.close()
    waited = time.monotonic() - started
    text, _ = call(proxy, session, "fleet_whoami", id=12)
    assert text != owner_text, f"still {text}"
    start(owner)  # back for the scenarios that follow
    return f"resume answered {waited:.2f} s after the kill"


def s6_delete_everywhere():
    """A DELETE through the proxy ends the session at every instance (404 from each)."""
    session = initialize(proxy)
    r = send(proxy, "DELETE", None, session)
    assert r.status in (200, 204), f"DELETE: {r.status}"
    r.close()
    for m in fleet:
        status, _, _ = post_all(url_of(m), {"jsonrpc": "2.0", "id": 1, "method": "ping"}, session)
        assert status == 404, f"{m['name']} answered {status}"


def s7_rolling_restart():
    """Each instance in turn is stopped (SIGTERM: drain and hand-over) and started again while a client calls in a loop."""
    session = initialize(proxy)
    stop = threading.Event()
    counts = {"ok": 0, "failed": 0, "errors": []}

    def loop():
        i = 100
        while not stop.is_set():
            i += 1
            try:
                call(proxy, session, "fleet_whoami", id=i)
                counts["ok"] += 1
            except Exception as e:  # noqa: BLE001 - every failure is counted and shown
                counts["failed"] += 1
                counts["errors"].append(repr(e)[:200])

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    try:
        for m in fleet:
            pid = pid_of(m)
            os.kill(pid, signal.SIGTERM)
            wait_gone(pid)
            start(m)
    finally:
        stop.set()
        t.join(TIMEOUT * 2)
    assert counts["failed"] == 0, f"{counts['failed']} of {counts['ok'] + counts['failed']} calls failed: {counts['errors'][:3]}"
    assert counts["ok"] > 0, "no call ran"
    return f"{counts['ok']} calls, 0 failed"


def s8_unknown_session():
    """A session id that never existed is 404 at every instance and through the proxy."""
    for base in [proxy] + [url_of(m) for m in fleet]:
        status, _, _ = post_all(base, {"jsonrpc": "2.0", "id": 1, "method": "ping"}, "0123456789abcdef0123456789abcdef")
        assert status == 404, f"{base}: {status}"


def redis_answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def s9_redis_restart():
    """Redis restarts empty (nothing persisted) under a live session: every instance answers its requests 200 or 503
    with Retry-After (the owner writes the session back within a touch period), never 404, and all three serve it again."""
    session = initialize(proxy)
    owner, _ = call(proxy, session, "fleet_whoami", id=1)
    with open(os.environ["SCALEOUT_REDIS_PIDFILE"]) as f:
        pid = int(f.read().strip())
    with open(os.environ["SCALEOUT_REDIS_CONF"]) as f:
        port = int(next(line.split()[1] for line in f if line.startswith("port ")))
    os.kill(pid, signal.SIGTERM)
    wait_gone(pid)
    log = open(os.environ["SCALEOUT_REDIS_LOG"], "ab")
    p = subprocess.Popen(["redis-server", os.environ["SCALEOUT_REDIS_CONF"]], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    with open(os.environ["SCALEOUT_REDIS_PIDFILE"], "w") as f:
        f.write(str(p.pid))
    deadline = time.monotonic() + 20
    while not redis_answers(port):
        assert time.monotonic() < deadline, "redis-server did not come back"
        time.sleep(0.05)
    began = time.monotonic()
    deadline = began + 60
    retried = 0
    i = 10
    while True:
        statuses = []
        wait = 0.0
        for m in fleet:
            i += 1
            status, headers, msgs = post_all(url_of(m), {"jsonrpc": "2.0", "id": i, "method": "tools/call",
                                                         "params": {"name": "fleet_whoami", "arguments": {}}}, session)
            assert status in (200, 503), f"{m['name']}: {status} {msgs}"
            if status == 503:
                retried += 1
                wait = max(wait, float(headers.get("retry-after", "1")))
            else:
                text = [x for x in msgs if x.get("id") == i][-1]["result"]["content"][0]["text"]
                assert text == owner, f"{m['name']} ran the call on {text}, not on the owner {owner}"
            statuses.append(status)
        if statuses == [200, 200, 200]:
            return f"all three served it {time.monotonic() - began:.1f} s after Redis came back; {retried} answers 503 Retry-After, none 404"
        assert time.monotonic() + wait < deadline, f"not served by every instance within 60 s: {statuses}"
        time.sleep(wait)  # as the answer asks (Retry-After)


def s10_hundred_sessions_one_killed():
    """100 sessions opened through the proxy (spread over the three), one instance killed with kill -9 and started again
    at the same address: every session goes on at once, none is lost (404), opened anew or refused (503) while the dead
    process's lease lives on."""
    sessions = [initialize(proxy) for _ in range(100)]
    victim = fleet[1]
    pid = pid_of(victim)
    owned = 0
    for n, session in enumerate(sessions):
        text, _ = call(proxy, session, "fleet_whoami", id=1)
        owned += text == f"pid {pid}"
    os.kill(pid, signal.SIGKILL)
    wait_gone(pid)
    start(victim)
    began = time.monotonic()
    retried = 0
    for n, session in enumerate(sessions):
        deadline = time.monotonic() + 30
        while True:
            status, headers, msgs = post_all(proxy, {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
                                                     "params": {"name": "fleet_whoami", "arguments": {}}}, session)
            assert status in (200, 503), f"session {n}: {status} {msgs}"
            if status == 200:
                assert "result" in [m for m in msgs if m.get("id") == 2][-1], f"session {n}: {msgs}"
                break
            retried += 1
            wait = float(headers.get("retry-after", "1"))
            assert time.monotonic() + wait < deadline, f"session {n} still refused after 30 s"
            time.sleep(wait)  # as the answer asks (Retry-After)
    # The restarted process drops its predecessor's lease as soon as a request of one of its sessions reaches it: none
    # waits for that lease to run out (LeaseTime) behind 503s.
    assert retried == 0, f"{retried} answers 503 after the restart: the dead instance's lease was waited out"
    return f"100 sessions, {owned} on the killed instance; all went on within {time.monotonic() - began:.1f} s, {retried} answers 503 Retry-After, none 404"


passed = failed = 0
for scenario in (s1_not_sticky, s2_answer_elsewhere, s3_resume_elsewhere, s4_fan_out_once, s5_owner_killed,
                 s6_delete_everywhere, s7_rolling_restart, s8_unknown_session, s9_redis_restart,
                 s10_hundred_sessions_one_killed):
    began = time.monotonic()
    try:
        note = scenario()
        passed += 1
        print(f"PASS {scenario.__name__} ({time.monotonic() - began:.1f} s){': ' + note if note else ''}", flush=True)
    except Exception as e:  # noqa: BLE001 - a scenario that throws failed
        failed += 1
        print(f"FAIL {scenario.__name__} ({time.monotonic() - began:.1f} s): {e!r}", flush=True)
print(f"scenarios: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
