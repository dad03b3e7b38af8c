import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

def fetch_report() -> float:
    started = time.monotonic()
    time.sleep(0.2)
    return started

async def one_task(pool, submitted) -> None:
    loop = asyncio.get_running_loop()
    started = await loop.run_in_executor(
        pool, fetch_report)
    wait = started - submitted
    print(f"queued for {wait:.1f} s")   # grows

async def main() -> None:
    pool = ThreadPoolExecutor(max_workers=1)
    tasks = []
    for _ in range(50):   # 10 in per second, 5 out
        job = one_task(pool, time.monotonic())
        tasks.append(asyncio.create_task(job))
        await asyncio.sleep(0.1)
    await asyncio.gather(*tasks)
    pool.shutdown()

asyncio.run(main())
