import asyncio
import threading
import time

cache: dict[str, str] = {}
cache_lock = threading.Lock()

def refresh_wrong() -> None:   # on a pool thread
    with cache_lock:           # held while slow
        time.sleep(0.3)
        cache["report"] = "fresh"

def refresh_right() -> None:
    time.sleep(0.3)            # slow part unlocked
    report = "fresh"
    with cache_lock:           # held for a moment
        cache["report"] = report

async def read_report() -> str | None:
    with cache_lock:   # the loop waits for the pool
        return cache.get("report")

async def main() -> None:
    worker = asyncio.create_task(
        asyncio.to_thread(refresh_wrong))
    await asyncio.sleep(0.01)
    print(await read_report())   # loop froze here
    await worker

asyncio.run(main())
