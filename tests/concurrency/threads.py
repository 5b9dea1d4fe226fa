"""Run calls in real threads, released together, each on its own database connection."""

import threading

from django.db import connection

# Enough threads to race, few enough to stay well under PostgreSQL's 100 connections.
MOST_THREADS = 50


def run_together(*calls, timeout: float = 20):
    """Run each call in its own thread, all released at once by a barrier.

    Returns each call's result, or the exception it raised, in the order given. Every thread
    closes its own database connection when it ends.
    """
    assert len(calls) <= MOST_THREADS, f"{len(calls)} threads: keep races under {MOST_THREADS}"
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=timeout)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test asserts on what each call raised
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, call), daemon=True)
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread never finished"
    return results


def errors(results) -> list:
    return [result for result in results if isinstance(result, Exception)]
