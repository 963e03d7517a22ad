/*! iframe-worker 1.0.4 shim (https://github.com/squidfunk/iframe-worker), from the npm package
 * iframe-worker@1.0.4, file shim/index.js. Copyright (c) 2020-2022 Martin Donath.
 * MIT licence: see iframe-worker.LICENSE beside this file. Loaded only by the offline copy
 * (OFFLINE=true build), so that search runs from file:// without any request to another host.
 * Changed: the hidden frame's setup (postMessage, importScripts, errors) is the file
 * iframe-worker-frame.js beside this one, not an inline script naming the worker's address,
 * so that the pages' Content-Security-Policy need not allow inline scripts. */
"use strict";(()=>{var f=new URL("iframe-worker-frame.js",document.currentScript.src).href;var o=class extends EventTarget{constructor(e){super();this.url=e;this.m=e=>{e.source===this.w&&(this.dispatchEvent(new MessageEvent("message",{data:e.data})),this.onmessage&&this.onmessage(e))};this.e=(e,r,t,i,m)=>{if(r===`${this.url}`){let a=new ErrorEvent("error",{message:e,filename:r,lineno:t,colno:i,error:m});this.dispatchEvent(a),this.onerror&&this.onerror(a)}};let r=document.createElement("iframe");r.hidden=!0,r.dataset.worker=`${e}`,document.body.appendChild(this.iframe=r),this.w.document.open(),this.w.document.write(`<html><body><script src="${f}"><\/script><script src=${e}?${+Date.now()}><\/script></body></html>`),this.w.document.close(),onmessage=this.m,onerror=this.e,this.r=new Promise((t,i)=>{this.w.onload=t,this.w.onerror=i})}terminate(){this.iframe.remove(),onmessage=onerror=null}postMessage(e){this.r.catch().then(()=>{this.w.dispatchEvent(new MessageEvent("message",structuredClone({data:e})))})}get w(){return this.iframe.contentWindow}};window.IFrameWorker=o;location.protocol==="file:"&&(window.Worker=o);})();

