# The same aggregation as the IIS scanner, in awk (mawk), for the benchmark: requests to the
# self-update, legacy, client web service, simple auth and content paths, counted by path group and
# status.substatus.win32, by client IP (requests, failures) and by hour (requests, failures).
# Columns come from the latest #Fields: line.
BEGIN { FS = " "; st = 12; ss = 13; ws = 14; stem = 5; ip = 9; dt = 1; tm = 2 }
/^#/ {
  if ($1 == "#Fields:") {
    for (i = 2; i <= NF; i++) {
      f = tolower($i)
      if (f == "cs-uri-stem") stem = i - 1; else if (f == "c-ip") ip = i - 1
      else if (f == "sc-status") st = i - 1; else if (f == "sc-substatus") ss = i - 1
      else if (f == "sc-win32-status") ws = i - 1; else if (f == "date") dt = i - 1
      else if (f == "time") tm = i - 1
    }
  }
  next
}
{
  u = tolower(substr($stem, 1, 22))
  if (u ~ /^\/selfupdate(\/|$)/) g = "selfupdate"
  else if (u ~ /^\/clientwebservice(\/|$)/) g = "clientwebservice"
  else if (u ~ /^\/content(\/|$)/) g = "content"
  else if (u ~ /^\/simpleauthwebservice(\/|$)/) g = "simpleauth"
  else if (u == "/iuident.cab") g = "iuident"
  else if (u == "/wutrack.bin") g = "wutrack"
  else next
  combo[g " " $st "." $ss "." $ws]++
  req[$ip]++
  h = $dt " " substr($tm, 1, 2)
  hreq[h " " g]++
  if ($st >= 400) { fail[$ip]++; hfail[h " " g]++ }
}
END {
  for (k in combo) print "combo", k, combo[k]
  n = 0; for (k in req) n++
  print "clients", n
  nf = 0; for (k in fail) nf++
  print "failing-clients", nf
  nh = 0; for (k in hreq) nh++
  print "hour-rows", nh
}
