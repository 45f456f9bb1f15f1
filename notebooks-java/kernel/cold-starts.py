import sys, time, subprocess, os
from jupyter_client.manager import KernelManager
name = sys.argv[1]; n = int(sys.argv[2]); tmo = float(sys.argv[3]) if len(sys.argv) > 3 else 30
ok = 0; times = []
for i in range(n):
    km = KernelManager(kernel_name=name)
    t0 = time.time()
    km.start_kernel()
    kc = km.client(); kc.start_channels()
    try:
        kc.wait_for_ready(timeout=tmo)
        dt = time.time() - t0; times.append(dt); ok += 1
        r = kc.execute_interactive("1 + 2", timeout=60, output_hook=lambda m: None)
        print(f"start {i+1}: ready in {dt:.1f} s, execute {r['content']['status']}", flush=True)
    except Exception as e:
        print(f"start {i+1}: HUNG after {time.time()-t0:.1f} s: {e}", flush=True)
        pid = km.provisioner.process.pid if hasattr(km, 'provisioner') else km.kernel.pid
        out = subprocess.run(["jstack", str(pid)], capture_output=True, text=True).stdout
        open(f"jstack-{i+1}.txt", "w").write(out)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(f"{ok}/{n} cold starts ready; ready times " + ", ".join(f"{t:.1f}" for t in times))
