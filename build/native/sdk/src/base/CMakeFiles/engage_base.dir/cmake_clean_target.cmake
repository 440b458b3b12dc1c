file(REMOVE_RECURSE
  "libengage_base.a"
)
