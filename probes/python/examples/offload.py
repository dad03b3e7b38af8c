"""A coordinator that offloads blocking work with asyncio.to_thread; the heartbeats go on."""
import asyncio
import time


def crunch(job):
    time.sleep(0.4)     # blocking work, now on a worker thread
    return job * job


async def heartbeat(stop):
    beat = 0
    while not stop.is_set():
        print('heartbeat', beat, flush=True)
        beat += 1
        await asyncio.sleep(0.25)


async def coordinator():
    results = []
    for round_ in range(3):
        results += await asyncio.gather(*(asyncio.to_thread(crunch, job) for job in range(4)))
    return results


async def main():
    stop = asyncio.Event()
    beats = asyncio.create_task(heartbeat(stop))
    results = await coordinator()
    stop.set()
    await beats
    print('done:', results)


if __name__ == '__main__':
    asyncio.run(main())
