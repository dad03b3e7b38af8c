import asyncio
import time

def fetch_report() -> str:
    time.sleep(0.2)    # blocks a pool thread only
    return "report"

async def one_task() -> None:
    report = await asyncio.to_thread(fetch_report)
    # or: loop.run_in_executor(None, fetch_report)
    print("got", report)

async def main() -> None:
    running = set()
    for _ in range(50):        # a task every 100 ms
        task = asyncio.create_task(one_task())
        running.add(task)      # keep a reference
        task.add_done_callback(running.discard)
        await asyncio.sleep(0.1)
    await asyncio.gather(*running)

asyncio.run(main())
