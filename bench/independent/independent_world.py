#!/usr/bin/env python3
"""A second, independent world generator: written apart from the engine and its C# generator, with its own names,
number formats and noise (MT940 ?2x fields cut at 27 characters, wrapped lines, legal-form variants, typos landing
on neighbouring invoices, round amounts), to check the matcher against cases it was not tuned on.
usage: independent_world.py SEED OUT_DIR mt940|camt
Writes customers.csv, open_items.csv, statement.sta (MT940) or statement.xml (camt.053) and truth.csv (the format
`bench ... score` reads)."""
import random, sys, os, datetime as dt
from decimal import Decimal

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
out = sys.argv[2] if len(sys.argv) > 2 else '/tmp/indep/w'
fmt = sys.argv[3] if len(sys.argv) > 3 else 'mt940'
R = random.Random(seed)
os.makedirs(out, exist_ok=True)
TODAY = dt.date(2026, 10, 15)

def iban(country='DE'):
    bban = ''.join(R.choice('0123456789') for _ in range(18))
    num = bban + ''.join(str(ord(c) - 55) for c in country) + '00'
    check = 98 - int(num) % 97
    return f"{country}{check:02d}{bban}"

first = ['Nordic', 'Alpine', 'Rhein', 'Hanse', 'Baltic', 'Atlas', 'Pioneer', 'Summit', 'Crescent', 'Falcon', 'Orion',
         'Vertex', 'Harbor', 'Granite', 'Meridian', 'Silver', 'Golden', 'Blue', 'Red', 'Green', 'Union', 'Central',
         'Pacific', 'Atlantic', 'Euro', 'Global', 'United', 'Royal', 'Prime', 'Delta', 'Omega', 'Sigma', 'Apex']
second = ['Logistics', 'Maschinenbau', 'Trading', 'Foods', 'Chemicals', 'Textiles', 'Pharma', 'Steel', 'Electronics',
          'Motors', 'Systems', 'Retail', 'Paper', 'Plastics', 'Energy', 'Optics', 'Tools', 'Furniture', 'Media',
          'Software', 'Consulting', 'Packaging', 'Glass', 'Medical', 'Agrar', 'Bau', 'Hotels', 'Transport']
suffix = ['GmbH', 'AG', 'Ltd', 'Limited', 'Inc.', 'Corp.', 'S.A.', 'B.V.', 'SARL', 'GmbH & Co. KG', 'LLC', 'S.p.A.',
          'Oy', 'AB', 'plc', 'N.V.']
legal_variants = {'GmbH': ['GMBH', 'G.m.b.H.', 'Gesellschaft mbH'], 'AG': ['A.G.', 'AKTIENGESELLSCHAFT'],
                  'Ltd': ['LIMITED', 'LTD.'], 'Limited': ['LTD', 'Ltd.'], 'Inc.': ['INC', 'Incorporated'],
                  'Corp.': ['CORPORATION', 'CORP'], 'S.A.': ['SA'], 'B.V.': ['BV'], 'SARL': ['S.A.R.L.'],
                  'GmbH & Co. KG': ['GMBH + CO KG', 'GmbH&Co.KG'], 'LLC': ['L.L.C.'], 'S.p.A.': ['SPA'],
                  'Oy': ['OY'], 'AB': ['A.B.'], 'plc': ['PLC'], 'N.V.': ['NV']}

customers = []
used = set()
for k in range(300):
    while True:
        a, b, s = R.choice(first), R.choice(second), R.choice(suffix)
        if (a, b) not in used:
            used.add((a, b)); break
    cid = f"K{10000 + k}"
    entity = 'OTHER' if k >= 285 else ''
    accts = [iban(R.choice(['DE', 'NL', 'FR', 'AT', 'BE']))] if R.random() < 0.7 else []
    customers.append(dict(id=cid, name=f"{a} {b} {s}", a=a, b=b, s=s, entity=entity, accounts=accts))

items = []
n = 0
for c in customers:
    for _ in range(R.randint(3, 15)):
        n += 1
        num = f"INV-2026-{n:06d}" if c['entity'] == '' else f"OT-{n:05d}"
        amt = Decimal(R.randint(5000, 2500000)) / 100
        if R.random() < 0.15: amt = Decimal(R.choice([500, 1000, 1500, 2000, 2500, 5000]))
        d = TODAY - dt.timedelta(days=R.randint(5, 90))
        disc = R.random() < 0.2 and c['entity'] == ''
        items.append(dict(c=c, num=num, po=f"PO{R.randint(100000, 999999)}" if R.random() < 0.5 else '', date=d,
                          due=d + dt.timedelta(days=30), amt=amt, disc=disc,
                          ddate=d + dt.timedelta(days=10) if disc else None))

main_items = [i for i in items if i['c']['entity'] == '']
other_items = [i for i in items if i['c']['entity'] == 'OTHER']
by_cust = {}
for i in main_items: by_cust.setdefault(i['c']['id'], []).append(i)
taken = set()

def take(pred=lambda i: True, cust=None):
    pool = by_cust[cust] if cust else main_items
    for _ in range(200):
        i = R.choice(pool)
        if i['num'] not in taken and pred(i):
            taken.add(i['num']); return i
    return None

def noisy(num):
    digits = num.split('-')[-1]; year = num.split('-')[1]
    return R.choice([
        num.lower(), num.replace('-', ''), num.replace('-', ' '), f"{year}{digits}", digits.lstrip('0'),
        f"INV {digits.lstrip('0')}", f"Inv.No.{year}/{digits}", f"invoice {num.replace('-', '/')}",
        f"INV{year}-{digits.lstrip('0')}", f"Rechnung Nr {num}"])

def typo(num):
    digits = list(num.split('-')[-1])
    p = R.randrange(len(digits) - 2, len(digits))
    if R.random() < 0.5 and p > 0:
        digits[p], digits[p - 1] = digits[p - 1], digits[p]
        if digits == list(num.split('-')[-1]): digits[p] = str((int(digits[p]) + 3) % 10)
    else:
        digits[p] = str((int(digits[p]) + R.randint(1, 9)) % 10)
    return '-'.join(num.split('-')[:-1] + [''.join(digits)])

def name_variant(c):
    v = R.random()
    if v < 0.3: return c['name'].upper()
    if v < 0.5: return f"{c['a']} {c['b']} {R.choice(legal_variants[c['s']])}"
    if v < 0.7: return f"{c['a']} {c['b']}"
    if v < 0.85: return (c['name'].upper())[:20]
    return f"{c['b']} {c['a']} {c['s']}"

receipts = []  # (amount, name, account, remittance, category, expectation, cust, [(inv, amt)])
def add(amount, c, text, cat, exp, truth, name=None, account='keep'):
    acct = (c['accounts'][0] if c and c['accounts'] else '') if account == 'keep' else account
    receipts.append(dict(amount=amount, name=name if name is not None else (name_variant(c) if c else ''),
                         account=acct, text=text, cat=cat, exp=exp, cust=c['id'] if c else '', truth=truth))

plan = ([('exact', 120), ('noisy', 70), ('po', 25), ('typo', 15), ('multi_refs', 35), ('multi_norefs', 25),
         ('discount', 30), ('short', 15), ('over', 10), ('partial', 10), ('name_only', 25), ('account_only', 25),
         ('unknown', 8), ('ambiguous', 5), ('wrong_pocket', 6)])
for cat, count in plan:
    for _ in range(count):
        if cat == 'exact':
            i = take(); add(i['amt'], i['c'], R.choice([i['num'], f"Payment {i['num']}", f"/INV/{i['num']}"]), cat,
                            'apply', [(i['num'], i['amt'])])
        elif cat == 'noisy':
            i = take(); add(i['amt'], i['c'], noisy(i['num']), cat, 'apply', [(i['num'], i['amt'])])
        elif cat == 'po':
            i = take(lambda i: i['po']); add(i['amt'], i['c'], f"Your PO {i['po']}", cat, 'apply',
                                             [(i['num'], i['amt'])])
        elif cat == 'typo':
            i = take(); add(i['amt'], i['c'], typo(i['num']), cat, 'apply', [(i['num'], i['amt'])])
        elif cat in ('multi_refs', 'multi_norefs'):
            c = R.choice([c for c in customers if c['entity'] == '' and c['accounts'] and
                          len([i for i in by_cust[c['id']] if i['num'] not in taken]) >= 4])
            k = R.randint(2, 4)
            its = []
            for _ in range(k):
                i = take(cust=c['id'])
                if i: its.append(i)
            total = sum(i['amt'] for i in its)
            text = ', '.join(i['num'] for i in its) if cat == 'multi_refs' else R.choice(['', 'Sammelzahlung',
                                                                                          'payment', 'RECHNUNGEN'])
            add(total, c, text, cat, 'apply', [(i['num'], i['amt']) for i in its],
                account='keep' if cat == 'multi_norefs' else 'keep')
        elif cat == 'discount':
            i = take(lambda i: i['disc'] and i['ddate'] >= TODAY - dt.timedelta(days=20))
            if not i: continue
            cash = (i['amt'] * Decimal('0.98')).quantize(Decimal('0.01'))
            add(cash, i['c'], f"{i['num']} abzgl. 2% Skonto", cat, 'apply', [(i['num'], cash)])
        elif cat == 'short':
            i = take(lambda i: i['amt'] > 200)
            cash = i['amt'] - Decimal(R.randint(1000, 9000)) / 100
            add(cash, i['c'], f"{i['num']} less damaged goods", cat, 'apply', [(i['num'], cash)])
        elif cat == 'over':
            i = take(); cash = i['amt'] + Decimal(R.randint(100, 5000)) / 100
            add(cash, i['c'], i['num'], cat, 'apply', [(i['num'], i['amt'])])
        elif cat == 'partial':
            i = take(lambda i: i['amt'] > 1000); cash = (i['amt'] / 2).quantize(Decimal('0.01'))
            add(cash, i['c'], f"{i['num']} 1st instalment", cat, 'apply', [(i['num'], cash)])
        elif cat == 'name_only':
            i = take(lambda i: True)
            add(i['amt'], i['c'], R.choice(['', 'payment', 'thank you']), cat, 'apply', [(i['num'], i['amt'])],
                account='')
        elif cat == 'account_only':
            i = take(lambda i: i['c']['accounts'])
            add(i['amt'], i['c'], '', cat, 'apply', [(i['num'], i['amt'])], name='')
        elif cat == 'unknown':
            add(Decimal(R.randint(10000, 900000)) / 100, None, R.choice(['', 'payment', 'ref 7781']), cat,
                'must_not_apply', [], name=R.choice(['J SMITH', 'PAYPAL EUROPE', 'Max Mustermann']), account=iban('IT'))
        elif cat == 'ambiguous':
            c1, c2 = R.sample([c for c in customers if c['entity'] == ''], 2)
            amt = Decimal(R.randint(10000, 90000)) / 100
            for c in (c1, c2):
                n += 1
                it = dict(c=c, num=f"INV-2026-{n:06d}", po='', date=TODAY - dt.timedelta(days=20),
                          due=TODAY + dt.timedelta(days=10), amt=amt, disc=False, ddate=None)
                items.append(it); taken.add(it['num'])
            add(amt, None, '', cat, 'must_not_apply', [], name='', account='')
        elif cat == 'wrong_pocket':
            if R.random() < 0.5:
                i = R.choice(other_items)
            else:  # one of our customers pays the sister company's invoice into our account
                c = R.choice([c for c in customers if c['entity'] == '' and c['accounts']])
                n += 1
                i = dict(c=c, num=f"OT-{n:05d}", po='', date=TODAY - dt.timedelta(days=15),
                         due=TODAY + dt.timedelta(days=15), amt=Decimal(R.randint(10000, 900000)) / 100, disc=False,
                         ddate=None, entity='OTHER')
                items.append(i)
            add(i['amt'], i['c'], i['num'], cat, 'must_not_apply', [])

for k in range(6):  # bank fees and an outgoing payment: not customer payments, to be ignored
    receipts.append(dict(amount=-Decimal(R.choice([250, 1250, 490, 99])) / 100 if k < 5 else Decimal('-1830.00'),
                         name='' if k < 5 else 'OFFICE SUPPLIES BV', account='', cat='fee', exp='ignore', cust='',
                         truth=[], text='Kontofuehrung' if k < 5 else 'Rechnung 4711'))
R.shuffle(receipts)
def money(d): return f"{d:.2f}"

with open(f"{out}/customers.csv", 'w') as f:
    f.write('customer_id,name,aliases,bank_accounts,legal_entity\n')
    for c in customers:
        f.write(f"{c['id']},\"{c['name']}\",,{';'.join(c['accounts'])},{c['entity']}\n")
with open(f"{out}/open_items.csv", 'w') as f:
    f.write('customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount,open_amount,'
            'discount_percent,discount_due_date,legal_entity\n')
    for i in items:
        f.write(f"{i['c']['id']},{i['num']},{i['po']},{i['date']},{i['due']},EUR,{money(i['amt'])},"
                f"{money(i['amt'])},{'2' if i['disc'] else ''},{i['ddate'] or ''},{i.get('entity', i['c']['entity'])}\n")

acct = 'DE44500105175407324931'
with open(f"{out}/truth.csv", 'w') as f:
    f.write('bank_reference,statement_entry,category,expectation,customer_id,invoice_number,applied_amount,'
            'currency\n')
    for k, r in enumerate(receipts):
        ref = f"BR{seed:02d}{k:06d}"
        r['ref'] = ref
        if not r['truth']:
            f.write(f"{ref},{k + 1},{r['cat']},{r['exp']},{r['cust']},,,\n")
        for inv, amt in r['truth']:
            f.write(f"{ref},{k + 1},{r['cat']},{r['exp']},{r['cust']},{inv},{money(amt)},EUR\n")

total = sum(r['amount'] for r in receipts)
d = TODAY.strftime('%y%m%d')
if fmt == 'mt940':
    lines = [':20:STMT' + d, f":25:{acct}", ':28C:00001/001', ':60F:C' + d + 'EUR0,00']
    for r in receipts:
        sign, code = ('C', 'NTRF') if r['amount'] > 0 else ('D', 'NCHG' if r['cat'] == 'fee' and not r['name'] else 'NTRF')
        lines.append(f":61:{d}{d[2:]}{sign}{money(abs(r['amount'])).replace('.', ',')}{code}NONREF//{r['ref']}")
        if R.random() < 0.5:
            body = f"166?00GUTSCHRIFT?20{r['text'][:27]}?21{r['text'][27:54]}?32{r['name'][:27]}?33{r['name'][27:54]}"
            if r['account']: body += f"?31{r['account']}"
        else:
            body = f"/REMI/{r['text']}/NAME/{r['name']}" + (f"/IBAN/{r['account']}" if r['account'] else '')
        lines.append(':86:' + body[:65]); body = body[65:]
        while body:
            lines.append(body[:65]); body = body[65:]
    lines.append(':62F:C' + d + 'EUR' + money(total).replace('.', ','))
    lines.append('-')
    open(f"{out}/statement.sta", 'w').write('\r\n'.join(lines) + '\r\n')
else:
    from xml.sax.saxutils import escape as e
    ents = []
    for r in receipts:
        party = f"<Dbtr><Nm>{e(r['name'])}</Nm></Dbtr>" if r['name'] else ''
        acc = f"<DbtrAcct><Id><IBAN>{r['account']}</IBAN></Id></DbtrAcct>" if r['account'] else ''
        ind = 'CRDT' if r['amount'] > 0 else 'DBIT'
        ents.append(f"""<Ntry><Amt Ccy="EUR">{money(abs(r['amount']))}</Amt><CdtDbtInd>{ind}</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>{TODAY}</Dt></BookgDt><ValDt><Dt>{TODAY}</Dt></ValDt><AcctSvcrRef>{r['ref']}</AcctSvcrRef>
<BkTxCd/><NtryDtls><TxDtls><RltdPties>{party}{acc}</RltdPties><RmtInf><Ustrd>{e(r['text'])}</Ustrd></RmtInf>
</TxDtls></NtryDtls></Ntry>""")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>M{seed}</MsgId>
<CreDtTm>{TODAY}T18:00:00</CreDtTm></GrpHdr><Stmt><Id>S{seed}</Id><CreDtTm>{TODAY}T18:00:00</CreDtTm>
<Acct><Id><IBAN>{acct}</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{TODAY}</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{money(total)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{TODAY}</Dt></Dt></Bal>
{''.join(ents)}</Stmt></BkToCstmrStmt></Document>"""
    open(f"{out}/statement.xml", 'w').write(xml)
print(f"{len(customers)} customers, {len(items)} items, {len(receipts)} receipts -> {out}")
