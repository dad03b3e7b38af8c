"""A coroutine that blocks the loop with time.sleep(3) while another prints heartbeats."""
import asyncio
import time


async def heartbeat():
    for beat in range(8):
        print('heartbeat', beat, flush=True)
        await asyncio.sleep(0.5)


async def fetch_report():
    await asyncio.sleep(1)
    time.sleep(3)   # blocks the whole loop: no heartbeat for three seconds
    return 'report'


async def main():
    results = await asyncio.gather(heartbeat(), fetch_report())
    print('done:', results[1])


if __name__ == '__main__':
    asyncio.run(main())
