import asyncio
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

stop = threading.Event()

def long_io() -> str:        # 3 s in 5 ms steps
    for _ in range(600):
        if stop.is_set():    # cooperative cancel
            return "cancelled"
        time.sleep(0.005)
    return "done"

async def main() -> None:
    loop = asyncio.get_running_loop()
    quit_now = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, quit_now.set)
    pool = ThreadPoolExecutor(max_workers=2)

    def submit():
        return loop.run_in_executor(pool, long_io)

    futures = [submit()]
    try:
        async with asyncio.timeout(5):  # cancels
            while not quit_now.is_set():
                await asyncio.sleep(0.5)
                futures.append(submit())
    except TimeoutError:
        pass
    stop.set()               # ask the running ones
    # drop the queued ones, wait a bounded time
    pool.shutdown(wait=False, cancel_futures=True)
    done, late = await asyncio.wait(futures,
                                    timeout=2)
    print(f"{len(done)} ended, {len(late)} late")

asyncio.run(main())
