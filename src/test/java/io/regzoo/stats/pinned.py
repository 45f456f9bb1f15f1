# The one-off computation behind the numbers pinned in this package's tests (ComparisonsTest, HolmTest,
# EquivalenceTest, MeanIntervalTest, EffectsTest, ConfidenceSequenceTest). Recompute with Debian bookworm's
# packages: apt-get install -y python3-scipy python3-statsmodels; /usr/bin/python3 pinned.py
# (SciPy 1.10.1, statsmodels 0.13.5, NumPy 1.24). Section 6 checks the confidence sequence's closed form
# by integrating its defining mixture numerically.
import numpy as np
from scipy import stats, integrate, optimize
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.weightstats import ttost_paired, ttost_ind
np.set_printoptions(precision=17)
def show(name, v): print(name, repr(v))

# 1. demo, percent
base = np.array([98.38, 97.92, 98.06]); wd = np.array([98.44, 97.84, 98.06])
r = stats.ttest_rel(wd, base); show("demo ttest_rel", (r.statistic, r.pvalue))
d = wd - base; se = d.std(ddof=1)/np.sqrt(3)
show("demo paired CI", stats.t.interval(0.95, 2, loc=d.mean(), scale=se))
w = stats.ttest_ind(wd, base, equal_var=False); show("demo welch", (w.statistic, w.pvalue))
vx, vy = wd.var(ddof=1)/3, base.var(ddof=1)/3; df = (vx+vy)**2/(vx**2/2+vy**2/2)
show("demo welch df, CI", (df, stats.t.interval(0.95, df, loc=wd.mean()-base.mean(), scale=np.sqrt(vx+vy))))
show("demo ttost_paired 0.3", ttost_paired(wd, base, -0.3, 0.3))
show("demo ttost_ind unequal 0.3", ttost_ind(wd, base, -0.3, 0.3, usevar='unequal'))

# 2. clear paired effect n=5
x = np.array([0.912, 0.905, 0.921, 0.899, 0.915]); y = np.array([0.903, 0.899, 0.910, 0.896, 0.904])
r = stats.ttest_rel(x, y); show("five ttest_rel", (r.statistic, r.pvalue))
d = x - y; show("five CI", stats.t.interval(0.95, 4, loc=d.mean(), scale=d.std(ddof=1)/np.sqrt(5)))
show("five ttost_paired 0.01", ttost_paired(x, y, -0.01, 0.01))
show("five ttost_paired 0.02", ttost_paired(x, y, -0.02, 0.02))

# 3. Welch unequal sizes
a = np.array([19.1, 20.3, 18.7, 21.0, 19.9]); b = np.array([17.2, 18.9, 16.1])
w = stats.ttest_ind(a, b, equal_var=False); show("welch53", (w.statistic, w.pvalue))
show("welch53 ttost_ind unequal 3", ttost_ind(a, b, -3, 3, usevar='unequal'))

# 4. Holm
for p in ([0.023, 0.041, 0.0049, 0.30], [0.01, 0.011, 0.5, 0.012, 0.04, 0.9]):
    show("holm %s" % p, multipletests(p, alpha=0.05, method='holm')[1])

# 5. ECE (Guo et al.: bins (lo, hi], 15 equal width)
rng = np.random.default_rng(7)
P = rng.dirichlet([0.6, 0.6, 0.6], size=40); lab = rng.integers(0, 3, size=40)
conf = P.max(1); pred = P.argmax(1); acc = (pred == lab)
edges = np.linspace(0, 1, 16); ece = 0.0
for lo, hi in zip(edges[:-1], edges[1:]):
    m = (conf > lo) & (conf <= hi)
    if m.any(): ece += m.mean() * abs(acc[m].mean() - conf[m].mean())
show("ece", ece)
print("ECE_PROBS = {" + ", ".join("{" + ", ".join(repr(float(v)) for v in row) + "}" for row in P) + "};")
print("ECE_LABELS = {" + ", ".join(str(int(v)) for v in lab) + "};")

# 6. confidence sequence by numerical integration of the mixture (independent of the closed form)
def M(xs, mu, c2):
    xs = np.asarray(xs) - mu; n = len(xs)
    # log of integrand over a (scale) and delta, relative to the H0 integral
    def num(a, dl):
        return a**(n-1) * np.exp(-0.5*np.sum((a*xs - dl)**2)) * np.sqrt(c2/(2*np.pi)) * np.exp(-0.5*c2*dl*dl)
    def den(a):
        return a**(n-1) * np.exp(-0.5*np.sum((a*xs)**2))
    s = 1/np.sqrt(np.mean(xs**2))
    N = integrate.dblquad(lambda dl, a: num(a, dl), 0, 50*s, -60, 60, epsabs=1e-13, epsrel=1e-10)[0]
    D = integrate.quad(den, 0, 50*s, epsabs=1e-14, epsrel=1e-11)[0]
    return N/D
xs = [0.06, -0.08, 0.00, 0.05, -0.02]
for mu in (0.0, 0.1):
    show("M5(%g) c2=0.1" % mu, M(xs, mu, 0.1))
xs2 = [0.9, 0.6, 1.3, 0.7, 1.1, 0.8]
show("M6(0) c2=0.1", M(xs2, 0.0, 0.1))
show("M6(0) c2=1", M(xs2, 0.0, 1.0))
# interval ends: roots of M(mu) = 1/alpha around the mean
mean = np.mean(xs2)
f = lambda mu: M(xs2, mu, 0.1) - 20
show("CS6 ends alpha .05 c2 .1", (optimize.brentq(f, mean - 3, mean, xtol=1e-12), optimize.brentq(f, mean, mean + 3, xtol=1e-12)))

# 7. logit-t per-variant interval for accuracies near 1
acc3 = np.array([0.999, 0.990, 0.9995])
h = stats.t.ppf(0.975, 2) * acc3.std(ddof=1)/np.sqrt(3); show("raw t", (acc3.mean()-h, acc3.mean()+h))
z = np.log(acc3/(1-acc3)); hz = stats.t.ppf(0.975, 2)*z.std(ddof=1)/np.sqrt(3)
show("logit t", (1/(1+np.exp(-(z.mean()-hz))), 1/(1+np.exp(-(z.mean()+hz)))))

# 8. relative change of |W| from paired log ratios
wb = np.array([21.1, 20.8, 21.4]); wv = np.array([12.4, 12.1, 12.6])
lr = np.log(wv/wb); se = lr.std(ddof=1)/np.sqrt(3); lo, hi = stats.t.interval(0.95, 2, loc=lr.mean(), scale=se)
show("relative |W| %", (100*np.expm1(lr.mean()), 100*np.expm1(lo), 100*np.expm1(hi)))
