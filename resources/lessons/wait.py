import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

pool = ThreadPoolExecutor(max_workers=4)

def fetch_report() -> str:
    time.sleep(0.2)
    return "report"

async def handler_wrong() -> str:
    future = pool.submit(fetch_report)  # offloaded
    return future.result()  # ...the loop waits here

async def handler_right() -> str:
    future = pool.submit(fetch_report)
    return await asyncio.wrap_future(future)

# Also wrong on a running loop, though these raise
# RuntimeError instead of freezing:
#     asyncio.run(coro())
#     loop.run_until_complete(coro())

print(asyncio.run(handler_right()))
