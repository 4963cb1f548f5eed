"""A small closed-loop HTTP load generator, in place of `wrk` (which is not always installed).

`connections` clients each send one GET, wait for the whole response, and send the next, for
`seconds`; they are spread over `processes` processes (asyncio in each) so the generator is not
held to one core by the GIL. gunicorn's sync workers close the connection after every response,
so every request opens a new one, as `wrk` does against them. Reports requests per second, p50
and p99 latency and the count of responses that were not the expected status.
"""

import asyncio
import math
import multiprocessing
import time
import urllib.parse


def run_load(
    url: str,
    seconds: float = 10,
    connections: int = 16,
    cookie: str = "",
    expect: int = 200,
    processes: int = 2,
) -> dict:
    """Drive `url` with `connections` clients for `seconds`; return rps, p50/p99 ms, errors."""
    processes = max(1, min(processes, connections))
    shares = [connections // processes + (n < connections % processes) for n in range(processes)]
    args = [(url, seconds, share, cookie, expect) for share in shares]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        parts = pool.starmap(_one_process, args)
    latencies = sorted(t for part in parts for t in part[0])
    errors = sum(part[1] for part in parts)
    return {
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": _percentile(latencies, 0.50),
        "p99_ms": _percentile(latencies, 0.99),
        "errors": errors,
    }


def _percentile(ordered: list[float], fraction: float) -> float:
    """Nearest rank, in milliseconds (0 with no samples)."""
    if not ordered:
        return 0.0
    return round(ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] * 1000, 2)


def _one_process(url: str, seconds: float, clients: int, cookie: str, expect: int):
    return asyncio.run(_clients(url, seconds, clients, cookie, expect))


async def _clients(url: str, seconds: float, clients: int, cookie: str, expect: int):
    parts = urllib.parse.urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n"
    if cookie:
        headers += f"Cookie: {cookie}\r\n"
    request = (headers + "\r\n").encode()
    end = time.perf_counter() + seconds
    results = await asyncio.gather(
        *(_client(parts.hostname, parts.port, request, end, expect) for _ in range(clients))
    )
    return [t for times, _ in results for t in times], sum(errors for _, errors in results)


async def _client(host: str, port: int, request: bytes, end: float, expect: int):
    """Loop one connection's requests until `end`; only completed requests count."""
    times, errors = [], 0
    while (start := time.perf_counter()) < end:
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(request)
            response = await reader.read()  # the server closes after the response
            writer.close()
            status = int(response[9:12])
        except (OSError, ValueError):
            errors += 1
            continue
        if time.perf_counter() > end:
            break
        times.append(time.perf_counter() - start)
        errors += status != expect
    return times, errors
