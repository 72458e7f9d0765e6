"""
Reference for our LEAR (models/src/main/java/.../lear): epftoolbox's recipe written directly on scikit-learn.
lars_path(method='lasso') on the normalised features, the AIC as scikit-learn computed it before 1.1
(n * MSE / var(y) + 2 df), then Lasso(alpha, max_iter=2500) on the transformed, unnormalised features.
Prints the 24 forecasts of one day; TestLearAgainstScikitLearn holds the values it printed
(scikit-learn 1.9.1, numpy, pandas, statsmodels from PyPI):

    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install numpy scikit-learn pandas statsmodels
    /tmp/skvenv/bin/python -W ignore models/tools/lear_reference.py 56 2016-12-27 [path to NP.csv]
"""
import sys, numpy as np, pandas as pd
from sklearn.linear_model import lars_path, Lasso
from statsmodels.robust import mad as MAD
df = pd.read_csv(sys.argv[3] if len(sys.argv) > 3 else '../shared/data/epf/datasets/NP.csv', index_col=0, parse_dates=True)
df.columns = ['Price', 'Exogenous 1', 'Exogenous 2']
date = pd.Timestamp(sys.argv[2]); W = int(sys.argv[1])
dtr = df.loc[:date - pd.Timedelta(hours=1)].iloc[-W*24:]
P = dtr['Price'].values.reshape(-1, 24); E1 = dtr['Exogenous 1'].values.reshape(-1,24); E2 = dtr['Exogenous 2'].values.reshape(-1,24)
full = df.loc[:date + pd.Timedelta(hours=23)]
Pf = full['Price'].values.reshape(-1,24); E1f = full['Exogenous 1'].values.reshape(-1,24); E2f = full['Exogenous 2'].values.reshape(-1,24)
days = pd.DatetimeIndex(dtr.index[::24])
def row(Pa, E1a, E2a, t, dow):
    r = []
    for h in range(24):
        for l in [1,2,3,7]: r.append(Pa[t-l, h])
    for h in range(24):
        for l in [1,7]:
            r.append(E1a[t-l,h]); r.append(E2a[t-l,h])
        r.append(E1a[t,h]); r.append(E2a[t,h])
    d = [0]*7; d[dow] = 1
    return r + d
X = np.array([row(P,E1,E2,t,days[t].day_of_week) for t in range(7, P.shape[0])], float)
Y = P[7:]
tf = Pf.shape[0]-1
xt = np.array([row(Pf,E1f,E2f,tf,date.day_of_week)], float)
def fitinv(A):
    med = np.median(A, axis=0); m = MAD(A, axis=0); return med, m
medX, madX = fitinv(X[:, :-7]); medY, madY = fitinv(Y)
X[:, :-7] = np.arcsinh((X[:, :-7]-medX)/madX); xt[:, :-7] = np.arcsinh((xt[:, :-7]-medX)/madX)
Yt = np.arcsinh((Y-medY)/madY)
n = X.shape[0]
Xm = X.mean(0); Xc = X - Xm; sc = np.sqrt((Xc**2).sum(0)); sc[sc==0]=1; Xn = Xc/sc
out=[]; al=[]
for h in range(24):
    y = Yt[:, h]; yc = y - y.mean()
    Gram = Xn.T @ Xn if n > Xn.shape[1] else None
    alphas, active, coefs = lars_path(Xn, yc, Gram=Gram, method='lasso', max_iter=2500, alpha_min=0.0, eps=np.finfo(float).eps)
    R = yc[:, None] - Xn @ coefs
    mse = np.mean(R**2, axis=0)
    df_ = np.array([np.sum(np.abs(c) > np.finfo(float).eps) for c in coefs.T])
    crit = n*mse/(np.var(yc)+np.finfo('float64').eps) + 2*df_
    a = alphas[np.argmin(crit)]
    m = Lasso(max_iter=2500, alpha=a).fit(X, y)
    out.append(np.sinh(m.predict(xt)[0])*madY[h]+medY[h]); al.append(a)
print('pred', np.round(out, 4).tolist())
print('alpha', al)
