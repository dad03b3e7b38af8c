import asyncio
import threading
import time

def produce(loop, q: asyncio.Queue, n: int) -> None:
    def put(item) -> None:
        # put() waits for room, result() for put()
        asyncio.run_coroutine_threadsafe(
            q.put(item), loop).result()

    for i in range(n):
        time.sleep(0.001)        # an item per ms
        put(i)
    put(None)                    # end of stream

async def main() -> None:
    q: asyncio.Queue = asyncio.Queue(maxsize=32)
    loop = asyncio.get_running_loop()
    threading.Thread(target=produce,
                     args=(loop, q, 2000),
                     daemon=True).start()
    while (item := await q.get()) is not None:
        time.sleep(0.002)   # 2 ms of handling
        print(item, "depth", q.qsize())

asyncio.run(main())
# unbounded, from the thread:
# loop.call_soon_threadsafe(q.put_nowait, item)
