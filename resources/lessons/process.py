import asyncio
import json
from concurrent.futures import ProcessPoolExecutor

def count_keys(node) -> int:
    if isinstance(node, dict):
        inner = sum(map(count_keys, node.values()))
        return len(node) + inner
    if isinstance(node, list):
        return sum(map(count_keys, node))
    return 0

def parse_and_walk(text: str) -> int:  # in a child
    return count_keys(json.loads(text))

async def main() -> None:
    rows = [{"id": i, "tags": ["a", "b"]}
            for i in range(100_000)]
    text = json.dumps({"records": rows})
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=2) as pool:
        # text is pickled and piped to the child
        keys = await loop.run_in_executor(
            pool, parse_and_walk, text)
    print(keys, "keys")

if __name__ == "__main__":  # children import us
    asyncio.run(main())
