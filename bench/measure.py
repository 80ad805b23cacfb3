#!/usr/bin/env python3
"""The timing half of the benchmarks in bench/ (the shell scripts start and stop the stack).

It talks to the root's REST API over one keep-alive connection, so a poll costs a few milliseconds
and no process start, and it times with time.monotonic_ns() (time.time_ns() where a shell script
took the start time).

  measure.py deploy-latency --root URL --password PW --service ID --node ID [--runs 20] ...
  measure.py await-moved --root URL --password PW --service ID --lost-node ID --count N --since-ns T
"""

import argparse
import http.client
import json
import math
import subprocess
import sys
import time
import urllib.parse


class Root:
    """The root's REST API as a user's script calls it, over one HTTP/1.1 connection."""

    def __init__(self, url, password):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.conn = None
        self.token = None
        self.token = self.call("POST", "/api/auth/login", {"username": "Admin", "password": password})[1]["token"]

    def call(self, method, path, body=None):
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                raw = response.read()
                break
            except (http.client.HTTPException, OSError):
                # a keep-alive connection the server closed: open a new one once
                self.conn = None
                if attempt == 2:
                    raise
        if response.status >= 300:
            raise RuntimeError(f"{method} {path} answered {response.status}: {raw[:300]!r}")
        return response.status, (json.loads(raw) if raw else None)

    def instances(self, service):
        return self.call("GET", f"/api/service/{service}")[1].get("instance_list") or []


def docker(*args, timeout=60):
    out = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"docker {' '.join(args)} failed: {out.stderr.strip()}")
    return out.stdout.strip()


def node_containers(node):
    return docker("ps", "-aq", "--filter", "label=io.canopy.node-id=" + node).split()


def wait(condition, timeout, what, poll):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(poll)
    raise RuntimeError(f"timed out after {timeout} s waiting for {what}")


def percentile(values, p):
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def canopy_deploy(root, args):
    """POST …/instance, then poll until the root shows that instance RUNNING; undeploy it after."""
    start = time.monotonic_ns()
    number = root.call("POST", f"/api/service/{args.service}/instance", {})[1]["instance_number"]

    def running():
        for instance in root.instances(args.service):
            if instance.get("instance_number") == number and instance.get("status") in ("RUNNING", "FAILED", "DEAD"):
                return instance.get("status")
        return None

    status = wait(running, args.timeout, f"instance {number} RUNNING", args.poll_ms / 1000)
    elapsed = (time.monotonic_ns() - start) / 1e6
    if status != "RUNNING":
        raise RuntimeError(f"instance {number} ended {status}")
    root.call("DELETE", f"/api/service/{args.service}/instance/{number}")
    # The next deploy starts on an idle worker: its container is gone.
    wait(lambda: not node_containers(args.node), args.timeout, "the undeployed container to be removed", 0.05)
    return elapsed


def docker_deploy(args, i):
    """Bare docker create + docker start of the same image, command and limits as the worker's."""
    name = f"canopy-bench-{args.label}-{i}"
    start = time.monotonic_ns()
    cid = docker("create", "--name", name, "--label", "io.canopy.bench=" + args.label, "--network", "bridge",
                 "--cpus", "0.1", "--memory", "32m", args.image, *json.loads(args.cmd))
    docker("start", cid)
    elapsed = (time.monotonic_ns() - start) / 1e6
    docker("rm", "-f", cid)
    return elapsed


def deploy_latency(args):
    root = Root(args.root, args.password)
    canopy, bare = [], []
    for i in range(-args.warmup, args.runs):
        # Interleaved, so that a change of the machine's load hits both series alike.
        c = canopy_deploy(root, args)
        d = docker_deploy(args, i + args.warmup)
        tag = "warm-up" if i < 0 else f"run {i + 1:2d}"
        print(f"{tag}: canopy {c:7.1f} ms   docker create+start {d:7.1f} ms", flush=True)
        if i >= 0:
            canopy.append(c)
            bare.append(d)
    c50, c99, d50, d99 = (percentile(canopy, 50), percentile(canopy, 99), percentile(bare, 50), percentile(bare, 99))
    print()
    print(f"deploy latency over {args.runs} sequential deploys (after {args.warmup} warm-up), poll every {args.poll_ms} ms:")
    print(f"  canopy  POST …/instance → RUNNING at the root API   p50 {c50:7.1f} ms   p99 {c99:7.1f} ms   "
          f"min {min(canopy):7.1f}   max {max(canopy):7.1f}")
    print(f"  docker  create + start (CLI)                        p50 {d50:7.1f} ms   p99 {d99:7.1f} ms   "
          f"min {min(bare):7.1f}   max {max(bare):7.1f}")
    verdict = "met" if c50 / d50 <= 1.10 else "missed"
    print(f"  ratio   canopy / docker                             p50 {c50 / d50:7.2f}×     p99 {c99 / d99:7.2f}×"
          f"   (target ≤ 1.10× at p50: {verdict})")


def await_moved(args):
    """Waits until COUNT instances run, none on the lost node; prints seconds since SINCE_NS."""
    root = Root(args.root, args.password)

    def moved():
        instances = root.instances(args.service)
        running = [i for i in instances if i.get("status") == "RUNNING"]
        return len(running) == args.count and all(i.get("worker_id") != args.lost_node for i in running)

    wait(moved, args.timeout, f"{args.count} instances RUNNING away from {args.lost_node}", args.poll_ms / 1000)
    print(f"{(time.time_ns() - args.since_ns) / 1e9:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    for name in ("deploy-latency", "await-moved"):
        p = sub.add_parser(name)
        p.add_argument("--root", required=True)
        p.add_argument("--password", required=True)
        p.add_argument("--service", required=True)
        p.add_argument("--poll-ms", type=int, default=20)
        p.add_argument("--timeout", type=float, default=60)
        if name == "deploy-latency":
            p.add_argument("--node", required=True, help="the worker's node id (its containers' label)")
            p.add_argument("--runs", type=int, default=20)
            p.add_argument("--warmup", type=int, default=2)
            p.add_argument("--image", required=True)
            p.add_argument("--cmd", required=True, help="the command as a JSON array")
            p.add_argument("--label", required=True, help="label value of the bare docker containers")
        else:
            p.add_argument("--lost-node", required=True)
            p.add_argument("--count", type=int, required=True)
            p.add_argument("--since-ns", type=int, required=True, help="time.time_ns() of the kill")
    args = parser.parse_args()
    try:
        deploy_latency(args) if args.what == "deploy-latency" else await_moved(args)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        print(f"measure.py: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
