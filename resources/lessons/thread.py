import asyncio
import threading

class LoopThread:
    """An asyncio loop in a thread of its own."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def submit(self, coro):
        # thread-safe; gives a concurrent Future
        return asyncio.run_coroutine_threadsafe(
            coro, self.loop)

    def close(self) -> None:
        stop = self.loop.stop
        self.loop.call_soon_threadsafe(stop)
        self.thread.join()
        self.loop.close()

async def fetch_report() -> str:
    await asyncio.sleep(0.15)
    return "report"

# plain synchronous code calling async code
worker = LoopThread()
future = worker.submit(fetch_report())
print(future.result(timeout=5))  # not a loop thread
worker.close()
