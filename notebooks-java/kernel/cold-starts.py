#!/usr/bin/python3
"""Cold-starts a Jupyter kernel N times and says how many answered kernel_info in time.

    JUPYTER_PATH=target/jupyter /usr/bin/python3 notebooks-java/kernel/cold-starts.py regzoo-java 10 60

Each start is a new JVM (a cold start); after kernel_info is answered it runs `1 + 2` and shuts the
kernel down. For a start that does not answer in time it saves `jstack` of the kernel as
jstack-N.txt in the current directory (that is how the dead loop threads were found).
"""
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

name, n = sys.argv[1], int(sys.argv[2])
timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 60
ready = []
for i in range(1, n + 1):
    km = KernelManager(kernel_name=name)
    t0 = time.time()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
        dt = time.time() - t0
        ready.append(dt)
        reply = kc.execute_interactive("1 + 2", timeout=120, output_hook=lambda m: None)
        print(f"start {i}: ready in {dt:.1f} s, execute {reply['content']['status']}", flush=True)
    except Exception as e:  # the kernel did not answer: keep its threads for the post-mortem
        print(f"start {i}: HUNG after {time.time() - t0:.1f} s: {e}", flush=True)
        pid = km.provisioner.process.pid
        with open(f"jstack-{i}.txt", "w") as f:
            f.write(subprocess.run(["jstack", str(pid)], capture_output=True, text=True).stdout)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(f"{len(ready)}/{n} cold starts answered; ready in " + ", ".join(f"{t:.1f}" for t in ready) + " s")
sys.exit(0 if len(ready) == n else 1)
