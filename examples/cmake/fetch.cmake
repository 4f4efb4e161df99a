# fetch.cmake - cmake -DURL=... -DOUT=... -P fetch.cmake
file(DOWNLOAD "${URL}" "${OUT}" STATUS status TIMEOUT 10)
list(GET status 0 code)
if(NOT code EQUAL 0)
  list(GET status 1 reason)
  file(REMOVE "${OUT}")
  message(FATAL_ERROR "fetch.cmake: cannot download ${URL}: ${reason} (curl error ${code})")
endif()
