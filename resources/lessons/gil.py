import asyncio
import json
import sys

DOC = json.dumps([{"id": i, "name": f"u{i}"}
                  for i in range(100_000)])

def parse_and_walk() -> int:
    data = json.loads(DOC)   # C: holds the GIL
    return sum(len(r) for r in data)  # switches

async def ticker() -> None:
    loop = asyncio.get_running_loop()
    while True:
        due = loop.time() + 0.01
        await asyncio.sleep(0.01)
        late = (loop.time() - due) * 1000
        print(f"tick late by {late:.0f} ms")

async def main() -> None:
    print(sys.getswitchinterval())   # 0.005
    tick = asyncio.create_task(ticker())
    for _ in range(20):     # offloaded, still late
        await asyncio.to_thread(parse_and_walk)
    tick.cancel()

asyncio.run(main())
