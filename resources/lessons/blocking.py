import asyncio
import time

def fetch_report() -> str:
    time.sleep(0.2)      # a sync driver at work
    return "report"

async def handler() -> None:
    while True:
        fetch_report()   # no await: stuck for 200 ms
        # fix: await asyncio.to_thread(fetch_report)
        await asyncio.sleep(0.3)

async def ticker() -> None:
    loop = asyncio.get_running_loop()
    while True:
        due = loop.time() + 0.01
        await asyncio.sleep(0.01)
        late = (loop.time() - due) * 1000
        print(f"tick late by {late:.0f} ms")

async def main() -> None:
    await asyncio.gather(handler(), ticker())

asyncio.run(main())
