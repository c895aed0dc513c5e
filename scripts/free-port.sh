#!/usr/bin/env bash
# Prints a TCP port that is free on 127.0.0.1 right now (Node.js is a prerequisite of the project anyway).
exec node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();})"
