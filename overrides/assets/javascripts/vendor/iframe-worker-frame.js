/*! iframe-worker 1.0.4 shim, the hidden frame's setup (see iframe-worker-shim.js beside this file).
 * From the npm package iframe-worker@1.0.4, file shim/index.js, moved out of an inline script.
 * Copyright (c) 2020-2022 Martin Donath. MIT licence: see iframe-worker.LICENSE. */
postMessage=function(s,n){parent.postMessage(s,n||"*")};
importScripts=function(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};
addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:frameElement.dataset.worker,error}))});
