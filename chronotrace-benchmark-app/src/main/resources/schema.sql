create table product (
	id bigint primary key,
	name varchar(100) not null,
	price decimal(10, 2) not null,
	stock bigint not null,
	added timestamp not null
);
insert into product (id, name, price, stock, added)
	select x, 'Product ' || x, 9.90 + x, 1000000000, timestamp '2026-01-01 00:00:00' from system_range(1, 100);
