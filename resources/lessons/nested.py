import asyncio
import nest_asyncio  # third party: lifts the guard

nest_asyncio.apply()
items = [1, 2, 3]

async def refresh() -> None:
    await asyncio.sleep(0.05)
    items.clear()      # runs inside count_sync()

def count_sync() -> int:
    before = len(items)
    loop = asyncio.get_running_loop()
    # nested: every ready task runs in here
    loop.run_until_complete(asyncio.sleep(0.2))
    return before - len(items)   # 3: changed

async def main() -> None:
    task = asyncio.create_task(refresh())
    print("removed meanwhile:", count_sync())
    await task

asyncio.run(main())
