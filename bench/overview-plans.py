#!/usr/bin/env python3
# bench/overview-plans.py DATA_DIR: the query plan and time of each statement of the admin overview
# (src/main/resources/db/queries/stats.sql) on a SQLite database filled with a large data set: 20,000 users,
# 100,000 articles, 200,000 comments, 500,000 audit rows, 100,000 sessions and 100,000 outbox messages, spread
# over two years. DATA_DIR must hold a migrated, otherwise empty gerbang.db: make one with
#   GERBANG_DATA_DIR=/tmp/plans GERBANG_ADMIN_PASSWORD='some long passphrase' java -jar target/gerbang.jar \
#     create-admin --email admin@example.com
# The figures of a run are in docs/operations.md ("The overview's queries").
import os, sqlite3, random, sys, uuid, time, re
c = sqlite3.connect(sys.argv[1] + '/gerbang.db')
c.execute('PRAGMA foreign_keys=OFF')
now=int(time.time()*1000); DAY=86400000
r=random.Random(1)
U=20000
users=[str(uuid.uuid4()) for _ in range(U)]
c.executemany("INSERT INTO users (id,email,email_normalized,name,locale,email_verified,disabled,created_at,updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
  [(u,f"u{i}@x.test",f"u{i}@x.test","U","en",1,0,now-r.randint(0,400)*DAY,now) for i,u in enumerate(users)])
c.executemany("INSERT INTO user_roles VALUES (?,?,?)",[(u,'user',now) for u in users])
arts=[]
for i in range(100000):
    t=now-r.randint(0,700)*DAY
    arts.append((str(uuid.uuid4()),f"a-{i}",f"A {i}",f"a {i}",None,"b","<p>b</p>","published" if i%10 else "draft",users[i%U],None,t,t,0,t,t,None))
c.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",arts)
c.executemany("INSERT INTO comments VALUES (?,?,?,?,?,?,?,?)",[(str(uuid.uuid4()),arts[i%100000][0],users[i%U],"c","visible",now-r.randint(0,700)*DAY,now,None) for i in range(200000)])
ev=['login','login_failed','login_locked','oauth_login','register','medical_record_read','password_changed']
c.executemany("INSERT INTO audit_log (id,created_at,event,user_id) VALUES (?,?,?,?)",[(str(uuid.uuid4()),now-r.randint(0,365*24)*3600000,r.choice(ev),users[i%U]) for i in range(500000)])
c.executemany("INSERT INTO sessions (id,user_id,created_at,last_used_at,expires_at,revoked_at) VALUES (?,?,?,?,?,?)",[(str(uuid.uuid4()),users[i%U],now-DAY,now,now+(DAY if i%10==0 else -DAY),None if i%3 else now) for i in range(100000)])
st=['sent']*97+['pending','held','dead']
c.executemany("INSERT INTO outbox (id,channel,recipient,template,locale,variables,status,attempts,next_attempt_at,created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",[(str(uuid.uuid4()),r.choice(['email','webpush','fcm']),'x','t','en','{}',r.choice(st),0,now,now-r.randint(0,700)*DAY) for i in range(100000)])
c.commit()
sql=open(os.path.join(os.path.dirname(__file__), '..', 'src/main/resources/db/queries/stats.sql')).read()
stmts={m.group(1):m.group(2).strip().rstrip(';') for m in re.finditer(r'-- name: (\w+)\n(.*?)(?=\n\n|\n-- name|\Z)',sql,re.S)}
args={"activeSessions":[now],"outboxWaiting":["pending","held"],"outboxByState":["pending","sending","held","dead"],"outboxSentSince":["sent",now-DAY],
 "signUpsPerDay":[now-30*DAY],"signInsPerHour":["login","oauth_login","login_failed","login_locked",now-48*3600000],"usersByRole":[],
 "articlesPerDay":["published",now-30*DAY],"commentsPerDay":[now-30*DAY]}
for analyzed in (False, True):
    if analyzed: c.execute('ANALYZE')
    print('--- after ANALYZE' if analyzed else '--- without ANALYZE')
    for k,s in stmts.items():
        plan=[row[3] for row in c.execute('EXPLAIN QUERY PLAN '+s,args[k])]
        t0=time.perf_counter(); c.execute(s,args[k]).fetchall(); ms=(time.perf_counter()-t0)*1000
        print(f"{k:16} {ms:7.1f} ms  {' | '.join(plan)}")
