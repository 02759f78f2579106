#!/usr/bin/python3
"""Hypervolume of each sampler study made by `fashion-evidence.sh --parts samplers` (cli/BENCHMARKS.md).

Usage: cli/bench/sampler-hv.py SAMPLERS_DIR [SAMPLER,SAMPLER,...] [A,B]
Reads SAMPLERS_DIR/<sampler>-seed<n>/study.db (read-only), keeps the feasible COMPLETE trials, normalises
validation loss and seconds over all the chosen studies, and prints the hypervolume of each study's front
(reference point 1.1) per sampler; with A,B also A - B paired by study seed, which removes what a seed's
machine load did to the seconds objective of both samplers alike.
"""
import sqlite3, glob, os, statistics as st, sys, json
d=sys.argv[1]; only=sys.argv[2].split(',') if len(sys.argv)>2 else None
studies={}
for db in sorted(glob.glob(d+"/*/study.db")):
    name=os.path.basename(os.path.dirname(db))
    s,seed=name.split("-seed")
    if only and s not in only: continue
    c=sqlite3.connect('file:'+db+'?mode=ro',uri=True)
    pts=[]
    for tid, in c.execute("select trial_id from trials where state='COMPLETE'"):
        v=[r[0] for r in c.execute("select value from trial_values where trial_id=? order by objective",(tid,))]
        cons=c.execute("select value_json from trial_system_attributes where trial_id=? and key='constraints'",(tid,)).fetchone()
        if cons and any(x>0 for x in json.loads(cons[0])): continue
        if len(v)==2: pts.append(v)
    studies[(s,int(seed))]=pts
allp=[p for v in studies.values() for p in v]
lo=[min(p[i] for p in allp) for i in range(2)]; hi=[max(p[i] for p in allp) for i in range(2)]
def hv(pts):
    n=sorted([[(p[i]-lo[i])/(hi[i]-lo[i]) for i in range(2)] for p in pts])
    front=[];best=9
    for x,y in n:
        if y<best: front.append((x,y)); best=y
    return sum(((front[i+1][0] if i+1<len(front) else 1.1)-x)*(1.1-y) for i,(x,y) in enumerate(front))
H={k:hv(v) for k,v in studies.items()}
by={}
for (s,seed),h in sorted(H.items()): by.setdefault(s,{})[seed]=h
for s,v in by.items():
    x=list(v.values())
    print("%-18s n=%d mean %.4f sd %.4f se %.4f  %s"%(s,len(x),st.mean(x),st.stdev(x),st.stdev(x)/len(x)**.5, " ".join("%d:%.3f"%(k,h) for k,h in v.items())))
if len(sys.argv)>3:
    a,b=sys.argv[3].split(',')
    seeds=sorted(set(by[a])&set(by[b])); diff=[by[a][k]-by[b][k] for k in seeds]
    print("paired %s-%s n=%d mean %+.4f se %.4f"%(a,b,len(diff),st.mean(diff),st.stdev(diff)/len(diff)**.5))
    xa=[by[a][k] for k in by[a]]; xb=[by[b][k] for k in by[b]]
    se=(st.variance(xa)/len(xa)+st.variance(xb)/len(xb))**.5
    print("unpaired diff %+.4f se %.4f = %.2f SE"%(st.mean(xa)-st.mean(xb),se,(st.mean(xa)-st.mean(xb))/se))
